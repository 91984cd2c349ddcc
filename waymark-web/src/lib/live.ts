// State of the Live page: the latest summary, how it arrives (pushed or polled), when it last
// arrived, and what the health endpoint says about the pipeline.

export interface LiveSummary {
  generated_at: string;
  active_users_5m: number;
  top_pages_15m: { page: string; views: number }[];
  sessions_per_user_5m: Record<string, number>;
  per_minute_60m: { minute: string; events: number; unique_users: number }[];
  partitions: number;
}

export interface LiveState {
  summary: LiveSummary | null;
  /** Browser time (ms) when the last summary arrived. */
  receivedAt: number | null;
  mode: "connecting" | "push" | "poll";
  error: string | null;
}

export type LiveAction =
  | { type: "summary"; summary: LiveSummary; at: number; via: "push" | "poll" }
  | { type: "error"; message: string }
  | { type: "fallback" };

export const initialLive: LiveState = { summary: null, receivedAt: null, mode: "connecting", error: null };

export function liveReducer(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case "summary":
      return { summary: action.summary, receivedAt: action.at, mode: action.via, error: null };
    case "error":
      return { ...state, error: action.message };
    case "fallback":
      return { ...state, mode: "poll" };
  }
}

/**
 * What to do when the live stream reports an error. A stream the server ends (its timeout, a
 * restart) leaves EventSource CONNECTING: it reconnects by itself, and the next summary resets the
 * count. A refusal (429 when the account holds its most streams, 503, 401) leaves it CLOSED: it
 * never retries, so fall back to polling at once.
 */
export function onStreamError(readyState: number, failures: number): "wait" | "fallback" {
  const CLOSED = 2;
  return readyState === CLOSED || failures >= 3 ? "fallback" : "wait";
}

/** Pushed summaries come every 2 s; polling runs every 15 s. Older than this is stale. */
export const STALE_AFTER_MS = 30_000;

export function isStale(state: LiveState, now: number): boolean {
  return state.receivedAt === null || now - state.receivedAt > STALE_AFTER_MS;
}

export interface HealthComponent {
  status: string;
  details?: Record<string, unknown>;
}

export interface Health {
  status: string;
  components?: Record<string, HealthComponent>;
}

export type PipelineState = "ok" | "catching-up" | "down" | "unknown";

/**
 * The pipeline as the health endpoint describes it. The server does not expose consumer lag yet,
 * so "catching up" means the stream processor is rebalancing or restoring state.
 */
export function pipelineState(health: Health | null): PipelineState {
  const streams = health?.components?.streams;
  if (!health || !streams) return "unknown";
  if (streams.status !== "UP" || health.components?.kafka?.status === "DOWN") return "down";
  const state = String(streams.details?.state ?? "");
  return state === "RUNNING" ? "ok" : "catching-up";
}

/** The 60-minute chart's data: one entry per minute, oldest first. */
export function chartData(summary: LiveSummary, label: (iso: string) => string) {
  return {
    labels: summary.per_minute_60m.map((m) => label(m.minute)),
    events: summary.per_minute_60m.map((m) => m.events),
    users: summary.per_minute_60m.map((m) => m.unique_users),
  };
}

/** Users by number of active sessions, in the order 1, 2, 3+. */
export function sessionBuckets(summary: LiveSummary): { sessions: string; users: number }[] {
  return ["1", "2", "3+"].map((k) => ({ sessions: k, users: summary.sessions_per_user_5m[k] ?? 0 }));
}
