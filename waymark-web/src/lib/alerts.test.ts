import { describe, expect, it } from "vitest";
import {
  addPushed,
  alertsQuery,
  emptyRule,
  filterFrom,
  formOf,
  isoSeconds,
  matches,
  mergeAlerts,
  noFilter,
  ruleBody,
  severityLabel,
  severityRank,
  validateRule,
  windowProblem,
  windowText,
  type Alert,
  type Rule,
} from "./alerts";
import { translate } from "./i18n";
import { streamReducer } from "./useAlertStream";

const alert = (id: string, detected: string, over: Partial<Alert> = {}): Alert => ({
  id,
  rule_id: 7,
  rule_name: "UI burst",
  kind: "EVENT_COUNT",
  severity: "HIGH",
  user_id: "ann",
  message: "UI burst: 4 ui_try in 1 min (more than 3)",
  triggered_at: detected,
  detected_at: detected,
  status: "open",
  evidence: {
    observed: 4,
    threshold: 3,
    event_count: 4,
    event_type: "ui_try",
    window_start: "2026-03-02T11:59:00Z",
    window_end: "2026-03-02T11:59:30Z",
    window: "PT1M",
    rule_revision: 1,
  },
  ...over,
});

describe("pushed alerts", () => {
  it("go in front of the listed page once, newest first, the listed copy winning", () => {
    const listed = [alert("b", "2026-03-02T11:50:00Z", { status: "acknowledged" }), alert("a", "2026-03-02T11:40:00Z")];
    const pushed = [alert("c", "2026-03-02T11:59:00Z"), alert("b", "2026-03-02T11:50:00Z")];
    const merged = mergeAlerts(pushed, listed);
    expect(merged.map((a) => a.id)).toEqual(["c", "b", "a"]);
    expect(merged[1].status).toBe("acknowledged");
  });

  it("are kept once each, newest first and bounded", () => {
    let p = addPushed([], alert("a", "2026-03-02T11:00:00Z"));
    p = addPushed(p, alert("b", "2026-03-02T11:01:00Z"));
    p = addPushed(p, alert("a", "2026-03-02T11:00:00Z"));
    expect(p.map((a) => a.id)).toEqual(["a", "b"]);
    expect(addPushed(p, alert("c", "2026-03-02T11:02:00Z"), 2).map((a) => a.id)).toEqual(["c", "a"]);
  });

  it("are shown only when they match the list's filter", () => {
    const a = alert("a", "2026-03-02T11:00:00Z");
    expect(matches(a, noFilter)).toBe(true);
    expect(matches(a, { ...noFilter, status: "open" })).toBe(true);
    expect(matches(a, { ...noFilter, status: "acknowledged" })).toBe(false);
    expect(matches(a, { ...noFilter, min_severity: "high" })).toBe(true);
    expect(matches(a, { ...noFilter, min_severity: "critical" })).toBe(false);
    expect(matches(a, { ...noFilter, rule_id: "7" })).toBe(true);
    expect(matches(a, { ...noFilter, rule_id: "8" })).toBe(false);
    expect(matches(a, { ...noFilter, user_id: " ann " })).toBe(true);
    expect(matches(a, { ...noFilter, user_id: "an" })).toBe(false);
  });
});

describe("the alert list's filter", () => {
  it("becomes the query string, leaving out what is not set", () => {
    expect(alertsQuery(noFilter, 25)).toBe("?limit=25");
    expect(alertsQuery({ status: "open", min_severity: "high", rule_id: "3", user_id: " u 1 " }, 25, "123_abc")).toBe(
      "?status=open&min_severity=high&rule_id=3&user_id=u+1&limit=25&page_token=123_abc",
    );
  });

  it("is read from the address, ignoring values the server would refuse", () => {
    expect(filterFrom(new URLSearchParams("status=open&min_severity=critical&rule_id=4&user_id=ann"))).toEqual({
      status: "open",
      min_severity: "critical",
      rule_id: "4",
      user_id: "ann",
    });
    expect(filterFrom(new URLSearchParams("status=closed&min_severity=huge&rule_id=x"))).toEqual(noFilter);
  });
});

describe("severity", () => {
  it("orders and names the server's spellings", () => {
    expect(severityRank("LOW")).toBeLessThan(severityRank("medium"));
    expect(severityRank("CRITICAL")).toBe(3);
    expect(translate("en", severityLabel("HIGH"))).toBe("High");
    expect(translate("es", severityLabel("critical"))).toBe("Crítica");
  });
});

describe("the rule form", () => {
  const good = { ...emptyRule, name: "UI burst", threshold: "3", window: "1m", event_type: "ui_try", severity: "high" as const };

  it("accepts the short window forms from 1 s to 24 h and leaves ISO-8601 to the server", () => {
    for (const w of ["1s", "60s", "10m", "1h", "24h", "1d", "1000ms", "PT1M", "P2D"]) expect(windowProblem(w), w).toBeUndefined();
    expect(windowProblem("")).toBe("rule.windowRequired");
    expect(windowProblem("5 parsecs")).toBe("rule.window");
    expect(windowProblem("10")).toBe("rule.window");
    expect(windowProblem("5 m")).toBe("rule.window");
    expect(windowProblem("500ms")).toBe("rule.windowRange");
    expect(windowProblem("25h")).toBe("rule.windowRange");
    expect(windowProblem("2d")).toBe("rule.windowRange");
  });

  it("names every broken field", () => {
    expect(validateRule(good)).toEqual({});
    expect(
      validateRule({ ...good, name: " ", threshold: "-1", window: "5 parsecs", event_type: "UI Try", currency: "eur" }),
    ).toEqual({
      name: "rule.ruleName",
      threshold: "rule.threshold",
      window: "rule.window",
      event_type: "rule.eventType",
      currency: "rule.currency",
    });
    expect(validateRule({ ...good, threshold: "" }).threshold).toBe("rule.threshold");
    expect(validateRule({ ...good, threshold: "6000" }).threshold).toBe("rule.thresholdCount");
    expect(validateRule({ ...good, kind: "amount_sum", threshold: "6000" })).toEqual({});
  });

  it("round-trips a rule through the form and sends every field", () => {
    const rule: Rule = {
      id: 4,
      revision: 2,
      name: "Spend velocity",
      kind: "amount_sum",
      threshold: 5000,
      window: "PT1H",
      window_seconds: 3600,
      event_type: "purchase",
      severity: "medium",
      enabled: false,
    };
    const form = formOf(rule);
    expect(form).toMatchObject({ window: "1h", threshold: "5000", currency: "", enabled: false });
    expect(ruleBody(form)).toEqual({
      name: "Spend velocity",
      description: null,
      kind: "amount_sum",
      threshold: 5000,
      window: "1h",
      event_type: "purchase",
      currency: null,
      severity: "medium",
      enabled: false,
    });
    expect([windowText(90), windowText(600), windowText(86400)]).toEqual(["90s", "10m", "24h"]);
    expect([isoSeconds("PT1M"), isoSeconds("PT1H30M"), isoSeconds("PT0.5S"), isoSeconds("P1D"), isoSeconds("1m")]).toEqual([60, 5400, 0.5, 86400, null]);
  });
});

describe("the alert stream", () => {
  it("keeps each pushed alert once and counts reconnections, not the first connection", () => {
    let s = streamReducer({ alerts: [], state: "connecting", reconnects: 0 }, { type: "open" });
    expect(s).toMatchObject({ state: "open", reconnects: 0 });
    s = streamReducer(s, { type: "alert", alert: alert("a", "2026-03-02T11:00:00Z") });
    s = streamReducer(s, { type: "alert", alert: alert("a", "2026-03-02T11:00:00Z") });
    expect(s.alerts).toHaveLength(1);
    s = streamReducer(s, { type: "lost" });
    expect(s.state).toBe("lost");
    s = streamReducer(s, { type: "open" });
    expect(s).toMatchObject({ state: "open", reconnects: 1 });
  });
});
