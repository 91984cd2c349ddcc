import { describe, expect, it } from "vitest";
import { asOfEndOfDay, describeChanges, segmentKey } from "./customers";
import { translate } from "./i18n";

describe("customer profile panel rules", () => {
  it("asks for the profile as it was at the end of the chosen day", () => {
    expect(asOfEndOfDay("2026-03-01", "utc")).toBe("2026-03-01T23:59:59.999Z");
    // npm test runs in Europe/Madrid (UTC+1 in March): the local day ends an hour earlier in UTC
    expect(asOfEndOfDay("2026-03-01", "local")).toBe("2026-03-01T22:59:59.999Z");
  });

  it("names the changed attributes in the viewer's language", () => {
    const en = (k: Parameters<typeof translate>[1]) => translate("en", k);
    const es = (k: Parameters<typeof translate>[1]) => translate("es", k);
    const entry = { changed: ["orders", "lifetime_revenue", "something_new"] };
    expect(describeChanges(entry, false, en)).toBe("Orders, Lifetime revenue, something_new");
    expect(describeChanges(entry, false, es)).toBe("Pedidos, Ingresos totales, something_new");
    expect(describeChanges({ changed: [] }, true, en)).toBe("First version");
    expect(describeChanges({ changed: [] }, false, en)).toBe("No tracked change");
  });

  it("knows the documented segments and leaves others as sent", () => {
    expect(segmentKey("at_risk")).toBe("customer.segment.at_risk");
    expect(translate("es", segmentKey("high_value")!)).toBe("Alto valor");
    expect(segmentKey("vip")).toBeNull();
  });
});
