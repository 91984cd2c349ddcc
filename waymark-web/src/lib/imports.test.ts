import { describe, expect, it } from "vitest";
import { isActive, kindFor, progressOf, uploadPath, type ImportJob } from "./imports";

const job = (over: Partial<ImportJob>): ImportJob => ({
  id: "j", kind: "catalogue", status: "running", file_name: "catalogue.json", bytes: 100, bytes_read: 40, percent: 40,
  rows_read: 4, rows_accepted: 3, rows_quarantined: 1, created_by: "admin", created_at: "2026-03-02T12:00:00Z",
  quarantine_source: "import:catalogue:j", ...over,
});

describe("imports", () => {
  it("polls only queued and running jobs", () => {
    expect(isActive(job({ status: "queued" }))).toBe(true);
    expect(isActive(job({ status: "running" }))).toBe(true);
    expect(isActive(job({ status: "completed" }))).toBe(false);
    expect(isActive(job({ status: "failed" }))).toBe(false);
  });

  it("shows a finished job full and clamps the rest", () => {
    expect(progressOf(job({ status: "completed", percent: 99.9 }))).toBe(100);
    expect(progressOf(job({ percent: 40 }))).toBe(40);
    expect(progressOf(job({ percent: 140 }))).toBe(100);
  });

  it("guesses the kind from the generator's file names", () => {
    expect(kindFor("clickstream.json")).toBe("clickstream");
    expect(kindFor("transactions.csv")).toBe("transactions");
    expect(kindFor("catalogue.json")).toBe("catalogue");
    expect(kindFor("support_tickets.json")).toBe("tickets");
    expect(kindFor("notes.txt")).toBeUndefined();
  });

  it("escapes the file name in the upload path", () => {
    expect(uploadPath("transactions", "a b&c.csv")).toBe("/api/v1/imports?kind=transactions&file_name=a%20b%26c.csv");
  });
});
