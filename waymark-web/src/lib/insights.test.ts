import { describe, expect, it } from "vitest";
import { PRESETS, currencies, customPeriod, daysOf, formatRate, lastDay, periodQuery, revenueSeries, zoneOf, type Insights, type InsightsDay, type InsightsTotals } from "./insights";

describe("period presets", () => {
  it("asks the server for the last days, so its clock decides what today is", () => {
    expect(periodQuery({ preset: 7 }, "Europe/Madrid")).toEqual({ days: 7, tz: "Europe/Madrid" });
    expect(PRESETS).toEqual([7, 30, 90]);
  });

  it("sends a custom period as its days in the zone", () => {
    expect(periodQuery({ custom: { from: "2026-02-10", to: "2026-02-11" } }, "UTC")).toEqual({ from: "2026-02-10", to: "2026-02-11", tz: "UTC" });
  });

  it("starts a custom period from the days an answer covered", () => {
    const answer = { daily: [{ date: "2026-02-01" }, { date: "2026-02-02" }] } as unknown as Insights;
    expect(daysOf(answer)).toEqual({ from: "2026-02-01", to: "2026-02-02" });
    expect(daysOf({ daily: [] } as unknown as Insights)).toBeNull();
  });

  it("counts the days of the viewer's zone or UTC", () => {
    expect(zoneOf("utc")).toBe("UTC");
    expect(zoneOf("local")).toBe("Europe/Madrid"); // npm test runs in Europe/Madrid
  });
});

describe("custom periods", () => {
  it("turns inclusive days into [from, to)", () => {
    expect(customPeriod("2026-02-10", "2026-02-10")).toEqual({ from: "2026-02-10", to: "2026-02-11" });
    expect(lastDay({ from: "2026-02-10", to: "2026-02-11" })).toBe("2026-02-10");
  });

  it("names what is wrong", () => {
    expect(customPeriod("", "2026-02-10")).toBe("insights.period.missing");
    expect(customPeriod("2026-02-11", "2026-02-10")).toBe("insights.period.order");
    expect(customPeriod("2025-01-01", "2026-02-10")).toBe("insights.period.tooLong");
    expect(customPeriod("2025-01-01", "2026-02-04")).toEqual({ from: "2025-01-01", to: "2026-02-05" }); // 400 days
  });
});

describe("conversion shares", () => {
  it("writes percentages in the viewer's language", () => {
    expect(formatRate(0.6667, "en-GB")).toBe("66.7%");
    expect(formatRate(0.6667, "es-ES")).toBe("66,7\u00a0%");
    expect(formatRate(1, "en-GB")).toBe("100%");
  });

  it("shows a dash when there is nothing to divide by", () => {
    expect(formatRate(undefined, "en-GB")).toBe("—");
    expect(formatRate(null, "en-GB")).toBe("—");
  });
});

describe("revenue", () => {
  const totals = { revenue: { USD: 20, EUR: 50.1 } } as unknown as InsightsTotals;
  const daily = [
    { date: "2026-02-27", revenue: { EUR: 50.1 } },
    { date: "2026-02-28", revenue: {} },
  ] as unknown as InsightsDay[];

  it("orders currencies by revenue and never adds them up", () => {
    expect(currencies(totals)).toEqual(["EUR", "USD"]);
    expect(revenueSeries(daily, "EUR")).toEqual([50.1, 0]);
    expect(revenueSeries(daily, "USD")).toEqual([0, 0]);
  });
});
