// Quarantine review: what the list and the drawer show, the filter in the URL, and the payload
// editor's as-you-type check (the server checks the event's rules on replay).
import { query } from "./api";

export type ReviewStatus = "open" | "replayed" | "discarded";

export interface Decision { by: string; at: string; reason?: string; event_ids?: string[]; corrected: boolean }
export interface Action { action: "replayed" | "discarded" | "replay_refused"; by: string; at: string; reason?: string; event_ids?: string[]; corrected: boolean }

export interface QuarantineItem {
  id: string;
  received_at: string;
  source: string;
  key_id?: string;
  status: number;
  reason: string;
  errors: { field: string; reason: string }[];
  index?: number;
  user_key?: string;
  payload: string;
  payload_truncated: boolean;
  review_status: ReviewStatus;
  replayable: boolean;
  decision?: Decision;
  history?: Action[];
}

export interface QuarantinePage { items: QuarantineItem[]; next_page_token?: string }
export interface DecisionResult { id: string; review_status: ReviewStatus; already_decided: boolean; decision: Decision }
export interface BulkOutcome { id: string; outcome: string; event_ids?: string[]; errors?: { field: string; reason: string }[] }

export interface QuarantineFilter { status: string; source: string; q: string; from: string; to: string }

export const noFilter: QuarantineFilter = { status: "open", source: "", q: "", from: "", to: "" };

/** The filter held in the URL; the list opens on open items. */
export function filterFrom(params: URLSearchParams): QuarantineFilter {
  return {
    status: params.get("status") ?? "open",
    source: params.get("source") ?? "",
    q: params.get("q") ?? "",
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
  };
}

/** A datetime-local value (taken as UTC or local by the caller) as an ISO instant, or "". */
export function instantOf(local: string, utc: boolean): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return "";
  const d = new Date(utc ? `${local}:00Z` : local);
  return Number.isNaN(d.getTime()) ? "" : d.toISOString();
}

export function quarantineQuery(f: QuarantineFilter, limit: number, token?: string, utc = true): string {
  return query({
    status: f.status === "any" ? "" : f.status,
    source: f.source.trim(),
    q: f.q.trim(),
    from: instantOf(f.from, utc),
    to: instantOf(f.to, utc),
    limit,
    page_token: token,
  });
}

/** Pretty-prints a JSON payload for the editor; anything else (an NDJSON body) stays as it is. */
export function prettyPayload(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

/**
 * Checks the corrected payload as the user types: it must be JSON (an event object or an array of
 * them), or for an NDJSON batch, one JSON object per line. Returns null when it reads, else where
 * and why it does not.
 */
export function payloadProblem(text: string, ndjson: boolean): { line?: number; message: string } | null {
  if (!text.trim()) return { message: "empty" };
  if (ndjson) {
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].trim()) continue;
      const p = jsonProblem(lines[i]);
      if (p) return { line: i + 1, message: p };
      if (!isObject(JSON.parse(lines[i]))) return { line: i + 1, message: "object" };
    }
    return null;
  }
  const p = jsonProblem(text);
  if (p) return { message: p };
  const v = JSON.parse(text);
  if (Array.isArray(v) ? !v.every(isObject) : !isObject(v)) return { message: "object" };
  return null;
}

function isObject(v: unknown): boolean {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Whether the payload is an NDJSON batch (a whole request to the batch endpoint). */
export function isNdjson(item: Pick<QuarantineItem, "source" | "index">): boolean {
  return item.source === "http:/api/v1/events/batch" && item.index == null;
}
