import { describe, expect, it } from "vitest";
import { pageOf } from "./paging";
import { loadPrefs, savePrefs } from "./prefs";
import { homeOf, may } from "./roles";

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe("preferences", () => {
  it("default to the browser's language and local time, and survive a reload", () => {
    const storage = memoryStorage();
    expect(loadPrefs(storage, ["es-ES"])).toEqual({ language: "es", timeMode: "local" });
    savePrefs(storage, { language: "en", timeMode: "utc" });
    expect(loadPrefs(storage, ["es-ES"])).toEqual({ language: "en", timeMode: "utc" });
  });
});

describe("what each role is offered", () => {
  it("matches the server's rules", () => {
    expect(may("viewer", "live")).toBe(true);
    expect(may("viewer", "users")).toBe(false);
    expect(may("analyst", "users")).toBe(true);
    expect(may("analyst", "admin")).toBe(false);
    expect(may("admin", "admin")).toBe(true);
    expect(may("ingest", "live")).toBe(false);
    expect(may(undefined, "live")).toBe(false);
    expect(homeOf("viewer")).toBe("/live");
    expect(homeOf("ingest")).toBe("/login");
  });
});

describe("paging a list", () => {
  it("slices pages and clamps the page number", () => {
    const items = Array.from({ length: 45 }, (_, i) => i);
    expect(pageOf(items, 0, 20)).toMatchObject({ page: 0, pages: 3, total: 45 });
    expect(pageOf(items, 2, 20).items).toEqual([40, 41, 42, 43, 44]);
    expect(pageOf(items, 9, 20).page).toBe(2);
    expect(pageOf([], 0, 20)).toMatchObject({ items: [], page: 0, pages: 1, total: 0 });
  });
});
