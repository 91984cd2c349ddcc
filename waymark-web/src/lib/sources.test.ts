import { describe, expect, it } from "vitest";
import { en } from "./messages.en";
import { emptySource, formOf, runProgress, scheduleWords, sourceBody, toggledBody, validateSource, type Source, type SourceRun } from "./sources";

const stored: Source = {
  id: "s-1",
  name: "Shop catalogue",
  kind: "catalogue",
  url: "https://shop.example/catalogue.json",
  auth_header_set: true,
  enabled: true,
  interval_minutes: 30,
  running: false,
  created_by: "admin",
  created_at: "2026-03-02T12:00:00Z",
  updated_at: "2026-03-02T12:00:00Z",
};

describe("source form", () => {
  it("accepts the defaults with a name and a URL", () => {
    expect(validateSource({ ...emptySource, name: "Feed", url: "https://x.example/a.json" })).toEqual({});
  });

  it("names each field at fault, with a message that exists", () => {
    const e = validateSource({ ...emptySource, name: " ", url: "ftp://x/y", interval_minutes: "0" });
    expect(e).toEqual({ name: "source.name", url: "source.urlScheme", interval_minutes: "source.interval" });
    for (const key of Object.values(e)) expect(en).toHaveProperty(key as string);
  });

  it("checks only the chosen location and schedule", () => {
    const f = { ...emptySource, name: "Inbox", location: "path" as const, path: "inbox", url: "nonsense", schedule: "daily" as const, daily_at: "24:00", interval_minutes: "x" };
    expect(validateSource(f)).toEqual({ path: "source.pathAbsolute", daily_at: "source.dailyAt" });
    expect(validateSource({ ...f, path: "/srv/inbox", daily_at: "06:30" })).toEqual({});
  });

  it("refuses fractional, huge and non-numeric intervals", () => {
    for (const n of ["1.5", "10081", "abc", ""]) {
      expect(validateSource({ ...emptySource, name: "a", url: "http://h/x", interval_minutes: n }).interval_minutes).toBe("source.interval");
    }
    expect(validateSource({ ...emptySource, name: "a", url: "http://h/x", interval_minutes: "10080" })).toEqual({});
  });

  it("sends the chosen location and schedule only, and the header only when typed or cleared", () => {
    const f = { ...emptySource, name: " Feed ", url: " https://x.example/a.json ", interval_minutes: "15" };
    expect(sourceBody(f)).toEqual({ name: "Feed", kind: "catalogue", enabled: true, url: "https://x.example/a.json", interval_minutes: 15 });
    expect(sourceBody({ ...f, auth_header: "Bearer t" }).auth_header).toBe("Bearer t");
    expect(sourceBody({ ...f, auth_header: "Bearer t", clearAuth: true }).auth_header).toBe("");
    expect(sourceBody({ ...f, location: "path", path: "/srv/in", schedule: "daily", daily_at: "10:00" })).toEqual({
      name: "Feed", kind: "catalogue", enabled: true, path: "/srv/in", daily_at: "10:00",
    });
  });

  it("edits a stored source without its header, and toggles keeping everything else", () => {
    const f = formOf(stored);
    expect(f).toMatchObject({ name: "Shop catalogue", location: "url", schedule: "interval", interval_minutes: "30", auth_header: "" });
    expect(toggledBody(stored)).toEqual({ name: "Shop catalogue", kind: "catalogue", enabled: false, url: stored.url, interval_minutes: 30 });
  });
});

describe("schedule in words", () => {
  it("says daily times, hours and minutes", () => {
    expect(scheduleWords({ daily_at: "10:00" })).toEqual({ key: "schedule.daily", values: { time: "10:00" } });
    expect(scheduleWords({ interval_minutes: 1 }).key).toBe("schedule.everyMinute");
    expect(scheduleWords({ interval_minutes: 60 }).key).toBe("schedule.everyHour");
    expect(scheduleWords({ interval_minutes: 180 })).toEqual({ key: "schedule.everyHours", values: { n: 3 } });
    expect(scheduleWords({ interval_minutes: 90 })).toEqual({ key: "schedule.everyMinutes", values: { n: 90 } });
  });
});

describe("run progress", () => {
  const run = { status: "running", percent: 42.5 } as SourceRun;
  it("is the server's percent while running and full when completed", () => {
    expect(runProgress(run)).toBe(42.5);
    expect(runProgress({ ...run, status: "completed", percent: 0 })).toBe(100);
    expect(runProgress({ ...run, percent: 130 })).toBe(100);
  });
});
