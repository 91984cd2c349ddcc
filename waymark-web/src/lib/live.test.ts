import { describe, expect, it } from "vitest";
import { chartData, initialLive, isStale, liveReducer, onStreamError, pipelineState, sessionBuckets, STALE_AFTER_MS, type LiveSummary } from "./live";

const summary = (events: number): LiveSummary => ({
  generated_at: "2026-03-02T12:00:00Z",
  active_users_5m: 2,
  top_pages_15m: [{ page: "/home", views: 3 }],
  sessions_per_user_5m: { "1": 1, "2": 1 },
  per_minute_60m: [
    { minute: "2026-03-02T11:59:00Z", events, unique_users: 2 },
    { minute: "2026-03-02T12:00:00Z", events: 0, unique_users: 0 },
  ],
  partitions: 6,
});

describe("live state", () => {
  it("keeps the latest summary, when it came and how", () => {
    let s = liveReducer(initialLive, { type: "summary", summary: summary(3), at: 1000, via: "push" });
    expect(s).toMatchObject({ receivedAt: 1000, mode: "push", error: null });
    s = liveReducer(s, { type: "error", message: "offline" });
    expect(s.summary?.per_minute_60m[0].events).toBe(3);
    expect(s.error).toBe("offline");
    s = liveReducer(s, { type: "fallback" });
    expect(s.mode).toBe("poll");
    s = liveReducer(s, { type: "summary", summary: summary(5), at: 2000, via: "poll" });
    expect(s).toMatchObject({ receivedAt: 2000, mode: "poll", error: null });
  });

  it("waits while the browser reconnects an ended stream, falls back to polling when refused", () => {
    const CONNECTING = 0;
    const CLOSED = 2;
    // The server's timeout or a restart: EventSource reconnects by itself.
    expect(onStreamError(CONNECTING, 1)).toBe("wait");
    expect(onStreamError(CONNECTING, 2)).toBe("wait");
    expect(onStreamError(CONNECTING, 3)).toBe("fallback");
    // 429 (the account's most streams), 503 or 401: EventSource never retries.
    expect(onStreamError(CLOSED, 1)).toBe("fallback");
  });

  it("is stale before the first summary and 30 s after the last", () => {
    expect(isStale(initialLive, 0)).toBe(true);
    const s = liveReducer(initialLive, { type: "summary", summary: summary(1), at: 10_000, via: "push" });
    expect(isStale(s, 10_000 + STALE_AFTER_MS)).toBe(false);
    expect(isStale(s, 10_001 + STALE_AFTER_MS)).toBe(true);
  });

  it("reads the pipeline's state from the health of the stream processor", () => {
    expect(pipelineState(null)).toBe("unknown");
    expect(pipelineState({ status: "UP", components: {} })).toBe("unknown");
    expect(pipelineState({ status: "UP", components: { streams: { status: "UP", details: { state: "RUNNING" } } } })).toBe("ok");
    expect(pipelineState({ status: "UP", components: { streams: { status: "UP", details: { state: "REBALANCING" } } } })).toBe("catching-up");
    expect(pipelineState({ status: "DOWN", components: { streams: { status: "DOWN", details: { state: "ERROR" } } } })).toBe("down");
    expect(pipelineState({ status: "DOWN", components: { streams: { status: "UP", details: { state: "RUNNING" } }, kafka: { status: "DOWN" } } })).toBe("down");
  });

  it("shapes the chart and the session buckets", () => {
    expect(chartData(summary(4), (iso) => iso.slice(11, 16))).toEqual({ labels: ["11:59", "12:00"], events: [4, 0], users: [2, 0] });
    expect(sessionBuckets(summary(1))).toEqual([
      { sessions: "1", users: 1 },
      { sessions: "2", users: 1 },
      { sessions: "3+", users: 0 },
    ]);
  });
});
