import { describe, expect, it } from "vitest";
import { currencies, customPeriod, formatRate, lastDay, presetPeriod, revenueSeries, today, type InsightsDay, type InsightsTotals } from "./insights";

describe("period presets", () => {
  it("ends a preset with today, counting today as one of its days", () => {
    expect(presetPeriod(7, "2026-03-02")).toEqual({ from: "2026-02-24", to: "2026-03-03" });
    expect(presetPeriod(30, "2026-03-02")).toEqual({ from: "2026-02-01", to: "2026-03-03" });
    expect(presetPeriod(90, "2026-03-02").from).toBe("2025-12-03");
  });

  it("finds today in the chosen zone", () => {
    // npm test runs in Europe/Madrid: 23:30 UTC is already the next day there.
    const lateEvening = new Date("2026-03-02T23:30:00Z");
    expect(today("utc", lateEvening)).toBe("2026-03-02");
    expect(today("local", lateEvening)).toBe("2026-03-03");
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
