import { describe, expect, it } from "vitest";
import { filterFrom, instantOf, isNdjson, payloadProblem, prettyPayload, quarantineQuery } from "./quarantine";

describe("quarantine", () => {
  it("opens on open items and keeps the filter in the URL", () => {
    expect(filterFrom(new URLSearchParams()).status).toBe("open");
    const f = filterFrom(new URLSearchParams("status=discarded&q=product_id&source=import:"));
    expect(f).toEqual({ status: "discarded", source: "import:", q: "product_id", from: "", to: "" });
    expect(quarantineQuery(f, 25)).toBe("?status=discarded&source=import%3A&q=product_id&limit=25");
    expect(quarantineQuery({ ...f, status: "any" }, 25, "tok")).toBe("?source=import%3A&q=product_id&limit=25&page_token=tok");
  });

  it("reads the time filter as UTC or local time", () => {
    expect(instantOf("2026-03-02T10:00", true)).toBe("2026-03-02T10:00:00.000Z");
    expect(instantOf("", true)).toBe("");
    expect(instantOf("not a time", true)).toBe("");
  });

  it("says where a corrected payload stops being JSON", () => {
    expect(payloadProblem('{"type":"click","user_id":"u"}', false)).toBeNull();
    expect(payloadProblem('[{"type":"click"},{"type":"search"}]', false)).toBeNull();
    expect(payloadProblem('{"type":"click",', false)?.message).toBeTruthy();
    expect(payloadProblem("42", false)?.message).toBe("object");
    expect(payloadProblem("  ", false)?.message).toBe("empty");
    expect(payloadProblem('{"a":1}\n\n{"b":2}', true)).toBeNull();
    expect(payloadProblem('{"a":1}\n{oops', true)?.line).toBe(2);
  });

  it("pretty-prints JSON and leaves other text alone", () => {
    expect(prettyPayload('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyPayload("{not json")).toBe("{not json");
    expect(isNdjson({ source: "http:/api/v1/events/batch", index: undefined })).toBe(true);
    expect(isNdjson({ source: "http:/api/v1/events/batch", index: 2 })).toBe(false);
  });
});
