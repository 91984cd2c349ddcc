import { describe, expect, it } from "vitest";
import { errorFrom, query } from "./api";

describe("the server's errors", () => {
  it("keeps the message and every field's reason", () => {
    const e = errorFrom(400, {
      status: 400, message: "username: must be 3-64 characters; role: must be one of viewer, analyst, admin",
      errors: [{ field: "username", reason: "must be 3-64 characters" }, { field: "role", reason: "must be one of viewer, analyst, admin" }],
    });
    expect(e.status).toBe(400);
    expect(e.reasonFor("role")).toBe("must be one of viewer, analyst, admin");
    expect(e.reasonFor("password")).toBeUndefined();
  });

  it("reads the collector's per-item errors and builds a message when there is none", () => {
    const e = errorFrom(400, { accepted: 0, rejected: 1, errors: [{ index: 0, field: "timestamp", reason: "is older than 72h" }] });
    expect(e.problems).toEqual([{ index: 0, field: "timestamp", reason: "is older than 72h" }]);
    expect(e.message).toBe("timestamp: is older than 72h");
  });

  it("copes with bodies that are not the error format", () => {
    expect(errorFrom(502, null).message).toBe("HTTP 502");
    expect(errorFrom(0, null).message).toBe("the server could not be reached");
    expect(errorFrom(500, { errors: "nope" }).problems).toEqual([]);
  });

  it("builds query strings from the values that are set", () => {
    expect(query({ q: "al ice", limit: 20, page_token: undefined, to: "" })).toBe("?q=al+ice&limit=20");
    expect(query({})).toBe("");
  });
});
