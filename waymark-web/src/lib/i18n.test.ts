import { describe, expect, it } from "vitest";
import { catalogues, initialLanguage, translate } from "./i18n";

describe("messages", () => {
  it("has every English message in Spanish, with the same placeholders", () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    expect(Object.keys(catalogues.es).sort()).toEqual(Object.keys(catalogues.en).sort());
    for (const key of Object.keys(catalogues.en) as (keyof typeof catalogues.en)[]) {
      expect(placeholders(catalogues.es[key]), key).toEqual(placeholders(catalogues.en[key]));
      expect(catalogues.es[key].trim(), key).not.toBe("");
    }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translate("en", "live.updated", { time: "11:59:30 UTC" })).toBe("Updated 11:59:30 UTC");
    expect(translate("es", "live.updated", { time: "11:59:30 UTC" })).toBe("Actualizado 11:59:30 UTC");
    expect(translate("en", "live.updated")).toBe("Updated {time}");
  });

  it("starts in the saved language, else the browser's, else English", () => {
    expect(initialLanguage("es", ["en-US"])).toBe("es");
    expect(initialLanguage(null, ["fr-FR", "es-MX"])).toBe("es");
    expect(initialLanguage("de", ["de-DE"])).toBe("en");
  });
});
