import { describe, expect, it } from "vitest";
import { addDays, dayOf, formatClock, formatDate, formatDateTime, formatDuration, formatMoney, formatNumber, formatTime, periodOfDays, startOfDay } from "./format";

const INSTANT = "2026-03-02T11:59:30Z";

describe("dates in the viewer's language and time zone", () => {
  it("writes UTC times with the zone named, month names per language", () => {
    expect(formatDateTime(INSTANT, "en-GB", "utc")).toBe("2 Mar 2026, 11:59:30 UTC");
    expect(formatDateTime(INSTANT, "es-ES", "utc")).toBe("2 mar 2026, 11:59:30 UTC");
    expect(formatDate(INSTANT, "es-ES", "utc")).toBe("2 mar 2026");
  });

  it("shifts local times by the browser's zone", () => {
    // npm test runs in Europe/Madrid (UTC+1 in March).
    expect(formatTime(INSTANT, "en-GB", "local")).toBe("12:59:30 CET");
    expect(formatClock(INSTANT, "en-GB", "utc")).toBe("11:59");
    expect(formatClock(INSTANT, "en-GB", "local")).toBe("12:59");
  });

  it("finds the calendar day in the chosen zone", () => {
    const lateEvening = "2026-03-02T23:30:00Z";
    expect(dayOf(lateEvening, "utc")).toBe("2026-03-02");
    expect(dayOf(lateEvening, "local")).toBe("2026-03-03");
  });

  it("turns inclusive days into the API's [from, to) instants", () => {
    expect(periodOfDays("2026-02-24", "2026-03-02", "utc")).toEqual({
      from: "2026-02-24T00:00:00.000Z",
      to: "2026-03-03T00:00:00.000Z",
    });
    expect(startOfDay("2026-03-02", "local")).toBe("2026-03-01T23:00:00.000Z");
    expect(() => startOfDay("2 March", "utc")).toThrow();
  });

  it("adds days across month and year ends", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
  });
});

describe("numbers, money and durations", () => {
  it("groups digits per language", () => {
    expect(formatNumber(1234567, "en-GB")).toBe("1,234,567");
    expect(formatNumber(1234567, "es-ES")).toBe("1.234.567");
  });

  it("writes money with the currency's symbol", () => {
    expect(formatMoney(1299.5, "EUR", "en-GB")).toBe("€1,299.50");
    expect(formatMoney(1299.5, "EUR", "es-ES")).toBe("1299,50\u00a0€");
    expect(formatMoney(3, "EURO", "en-GB")).toBe("3 EURO");
  });

  it("writes durations in hours, minutes and seconds", () => {
    expect(formatDuration(0, "en-GB")).toBe("0 s");
    expect(formatDuration(59.6, "en-GB")).toBe("1 min 00 s");
    expect(formatDuration(247, "en-GB")).toBe("4 min 07 s");
    expect(formatDuration(7500, "es-ES")).toBe("2 h 05 min");
    expect(formatDuration(-5, "en-GB")).toBe("0 s");
  });
});
