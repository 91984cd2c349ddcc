import { describe, expect, it } from "vitest";
import {
  dateProblem,
  emptyExport,
  exportBody,
  isActive,
  sizeOf,
  toggleDataset,
  totalRows,
  validateExport,
  yesterdayUtc,
  type ExportRun,
} from "./exports";

const NOON = new Date("2026-03-02T12:00:00Z");

describe("export form", () => {
  it("names every rule broken, as the server does", () => {
    const e = validateExport({ ...emptyExport, name: "has space", datasets: [], directory: "relative", schedule_time: "25:00" });
    expect(e).toEqual({
      name: "exports.rule.name",
      datasets: "exports.rule.datasets",
      directory: "exports.rule.directory",
      schedule_time: "exports.rule.scheduleTime",
    });
  });

  it("checks only the chosen destination's field", () => {
    const ok = { ...emptyExport, name: "daily", directory: "/srv/exports" };
    expect(validateExport(ok)).toEqual({});
    expect(validateExport({ ...ok, destination: "webhook" })).toEqual({ webhook_url: "exports.rule.webhookUrl" });
    expect(validateExport({ ...ok, destination: "webhook", webhook_url: "https://bi.example/in" })).toEqual({});
  });

  it("sends only the destination's field and datasets in the server's order", () => {
    const body = exportBody({
      ...emptyExport,
      name: " daily ",
      datasets: ["customers", "events"],
      destination: "webhook",
      directory: "/ignored",
      webhook_url: "https://bi.example/in",
    });
    expect(body).toEqual({
      name: "daily",
      datasets: ["events", "customers"],
      format: "parquet",
      destination: "webhook",
      webhook_url: "https://bi.example/in",
      schedule_time: "10:00",
      enabled: true,
    });
  });

  it("toggles a dataset in and out", () => {
    expect(toggleDataset(["daily_report"], "events")).toEqual(["events", "daily_report"]);
    expect(toggleDataset(["events", "daily_report"], "events")).toEqual(["daily_report"]);
  });
});

describe("trigger for a date", () => {
  it("defaults to yesterday in UTC, whatever the viewer's zone", () => {
    expect(yesterdayUtc(NOON)).toBe("2026-03-01");
    expect(yesterdayUtc(new Date("2026-03-01T00:30:00Z"))).toBe("2026-02-28");
  });

  it("refuses today, the future and what is not a day", () => {
    expect(dateProblem("2026-03-01", NOON)).toBeUndefined();
    expect(dateProblem("2026-03-02", NOON)).toBe("exports.rule.pastDate");
    expect(dateProblem("2026-04-01", NOON)).toBe("exports.rule.pastDate");
    expect(dateProblem("", NOON)).toBe("exports.rule.date");
    expect(dateProblem("2026-13-45", NOON)).toBe("exports.rule.date");
  });
});

describe("runs", () => {
  const run: ExportRun = {
    id: "r",
    export_id: "e",
    date: "2026-03-01",
    cause: "manual",
    status: "running",
    requested_by: "ann",
    created_at: "2026-03-02T12:00:00Z",
    files: [
      { name: "events.csv", dataset: "events", rows: 6, bytes: 900, delivery: "delivered", attempts: 1, download: "/x" },
      { name: "sessions.csv", dataset: "sessions", rows: 2, bytes: 200, delivery: "delivered", attempts: 1, download: "/y" },
    ],
  };

  it("polls only while a run moves", () => {
    expect(isActive(run)).toBe(true);
    expect(isActive({ ...run, status: "queued" })).toBe(true);
    expect(isActive({ ...run, status: "failed" })).toBe(false);
    expect(isActive(undefined)).toBe(false);
  });

  it("adds up rows and shows sizes for people", () => {
    expect(totalRows(run)).toBe(8);
    expect(sizeOf(512)).toBe("512 B");
    expect(sizeOf(1536)).toBe("1.5 KB");
    expect(sizeOf(5 * 1024 * 1024)).toBe("5.0 MB");
    expect(sizeOf(20 * 1024 * 1024)).toBe("20 MB");
  });
});
