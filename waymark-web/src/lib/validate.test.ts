import { describe, expect, it } from "vitest";
import { eventBody, hasErrors, validateAccount, validateEvent, validateKey, validateRateLimit, type EventForm } from "./validate";

const event = (over: Partial<EventForm> = {}): EventForm => ({
  type: "page_view", user_id: "u-1", anonymous_id: "", page_url: "/home", product_id: "", search_query: "",
  order_id: "", amount: "", currency: "", timestamp: "", ...over,
});

describe("account form", () => {
  it("accepts a good account and names each broken field", () => {
    expect(validateAccount({ username: "ana.lopez", password: "0123456789", role: "analyst" })).toEqual({});
    expect(validateAccount({ username: "a b", password: "short", role: "owner" })).toEqual({
      username: "rule.username", password: "rule.password", role: "rule.role",
    });
  });

  it("refuses passwords over bcrypt's 72 bytes, counted in UTF-8", () => {
    expect(validateAccount({ username: "ana", password: "é".repeat(36), role: "viewer" })).toEqual({});
    expect(validateAccount({ username: "ana", password: "é".repeat(37), role: "viewer" })).toEqual({ password: "rule.password" });
    expect(validateAccount({ username: "ana", password: "a".repeat(73), role: "viewer" })).toEqual({ password: "rule.password" });
  });
});

describe("key form", () => {
  it("needs a name and a scope; the rate is optional but must be positive", () => {
    expect(validateKey({ name: "shop", scope: "ingest", rate: "" })).toEqual({});
    expect(validateKey({ name: " ", scope: "root", rate: "-1" })).toEqual({
      name: "rule.keyName", scope: "rule.scope", rate_limit_per_second: "rule.rate",
    });
    expect(validateKey({ name: "shop", scope: "ingest", rate: "abc" })).toHaveProperty("rate_limit_per_second");
  });
});

describe("test-event form", () => {
  it("accepts a page view with a user and a key", () => {
    expect(hasErrors(validateEvent(event(), "wm_ingest_x"))).toBe(false);
  });

  it("follows the event model's per-type rules", () => {
    expect(validateEvent(event({ page_url: "" }), "k")).toEqual({ page_url: "rule.pageUrl" });
    expect(validateEvent(event({ type: "add_to_cart" }), "k")).toEqual({ product_id: "rule.productId" });
    expect(validateEvent(event({ type: "search" }), "k")).toEqual({ search_query: "rule.searchQuery" });
    expect(validateEvent(event({ type: "purchase" }), "k")).toEqual({ order_id: "rule.orderId", amount: "rule.amountRequired" });
    expect(validateEvent(event({ type: "purchase", order_id: "o1", amount: "10" }), "k")).toEqual({ currency: "rule.currency" });
    expect(validateEvent(event({ type: "Page View" }), "k")).toHaveProperty("type", "rule.eventType");
  });

  it("needs a user or anonymous id, a key, and a timestamp with a zone when one is given", () => {
    expect(validateEvent(event({ user_id: "" }), "")).toEqual({ key: "rule.keyRequired", user_id: "rule.userOrAnonymous" });
    expect(validateEvent(event({ user_id: "", anonymous_id: "dev-1" }), "k")).toEqual({});
    expect(validateEvent(event({ timestamp: "2026-03-02 11:59" }), "k")).toEqual({ timestamp: "rule.timestamp" });
    expect(validateEvent(event({ timestamp: "2026-03-02T11:59:00+01:00" }), "k")).toEqual({});
  });

  it("sends only what was filled in, the amount as a number", () => {
    expect(eventBody(event({ type: "purchase", order_id: " o1 ", amount: "12.5", currency: "EUR", page_url: "" }))).toEqual({
      type: "purchase", user_id: "u-1", order_id: "o1", amount: 12.5, currency: "EUR",
    });
  });

  it("checks a key's rate limit like the server", () => {
    expect(validateRateLimit({ rate: "50", burst: "" })).toEqual({});
    expect(validateRateLimit({ rate: "0.5", burst: "1" })).toEqual({});
    expect(validateRateLimit({ rate: "", burst: "" })).toEqual({ events_per_second: "rule.rate" });
    expect(validateRateLimit({ rate: "0", burst: "0.5" })).toEqual({ events_per_second: "rule.rate", burst: "rule.burst" });
    expect(validateRateLimit({ rate: "fast", burst: "x" })).toEqual({ events_per_second: "rule.rate", burst: "rule.burst" });
  });
});
