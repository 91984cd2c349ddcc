// Erasure (GDPR) requests as the server shows them, and the small rules the Privacy page applies
// to them: which statuses are still moving, how a status looks, what a report adds up to, and the
// erase form's checks (the server checks the user id again).
import { query } from "./api";
import type { Errors } from "./validate";

export type ErasureStatus = "pending" | "running" | "completed" | "failed";

export interface HolderResult {
  name: string;
  found: number;
  deleted: number;
  remaining: number;
}

export interface ErasureReport {
  identities: number;
  holders: HolderResult[];
  suppressed: boolean;
  verified: boolean;
  log: string;
}

export interface Erasure {
  id: string;
  /** Shown until the erasure completes; the audit then keeps only the pseudonym. */
  user_id?: string | null;
  user_pseudonym: string;
  status: ErasureStatus;
  step?: string | null;
  attempts: number;
  suppress: boolean;
  requested_by: string;
  requested_at: string;
  updated_at?: string | null;
  finished_at?: string | null;
  error?: string | null;
  report?: ErasureReport | null;
  href: string;
}

export interface ErasurePage {
  requests: Erasure[];
  next_before?: string | null;
}

/** The longest user id the server accepts (ErasureController). */
export const MAX_USER_ID = 256;

/** How often the progress view asks again while a request is pending or running. */
export const POLL_MS = 1000;

/** Pending and running requests are still moving: the page keeps asking for them. */
export function isOpen(status: string): boolean {
  return status === "pending" || status === "running";
}

/** The badge class for a status (styles.css): moving, done, or failed. */
export function statusBadge(status: string): string {
  switch (status) {
    case "completed":
      return "badge-good";
    case "failed":
      return "badge-bad";
    case "running":
      return "badge-running";
    case "pending":
      return "badge-pending";
    default:
      return "badge-muted";
  }
}

export interface ReportSummary {
  found: number;
  deleted: number;
  remaining: number;
  /** The places where a second look still found something. */
  leftIn: string[];
  /** Verified by the server and nothing left in any place the report lists. */
  clean: boolean;
}

/** Adds up a report; it is only "clean" when the server verified it and every place agrees. */
export function summarise(report: ErasureReport): ReportSummary {
  let found = 0;
  let deleted = 0;
  let remaining = 0;
  const leftIn: string[] = [];
  for (const h of report.holders) {
    found += h.found;
    deleted += h.deleted;
    remaining += h.remaining;
    if (h.remaining > 0) leftIn.push(h.name);
  }
  return { found, deleted, remaining, leftIn, clean: report.verified && remaining === 0 };
}

export interface EraseForm {
  userId: string;
  confirm: string;
}

export type EraseField = "user_id" | "confirm";

/** Message keys for the broken fields: the id as the server's rule, the typed-again id must match. */
export function validateErase(f: EraseForm, confirming: boolean): Errors<EraseField> {
  const e: Errors<EraseField> = {};
  if (!f.userId.trim()) e.user_id = "privacy.rule.userRequired";
  else if (f.userId.length > MAX_USER_ID) e.user_id = "privacy.rule.userTooLong";
  if (confirming && f.confirm !== f.userId) e.confirm = "privacy.rule.confirmMismatch";
  return e;
}

/** The DELETE path for a user; the id is one path segment, however it is spelled. */
export function erasePath(userId: string, suppress: boolean): string {
  return `/api/v1/users/${encodeURIComponent(userId)}${query({ suppress: String(suppress) })}`;
}

/** The audit log's query: an exact user id filter and the `before` cursor of the page. */
export function erasuresPath(user: string, before: string | undefined, limit: number): string {
  return `/api/v1/privacy/erasures${query({ user: user.trim(), before, limit })}`;
}

const knownPlaces = [
  "store.events",
  "store.users",
  "store.sessions",
  "store.quarantine",
  "store.identity_links",
  "stream.user_state",
  "alerts",
  "vault.subject_keys",
] as const;

/** The message key describing a place the report names, or null for one the app has no words for. */
export function placeKey(name: string): `privacy.place.${(typeof knownPlaces)[number]}` | null {
  return (knownPlaces as readonly string[]).includes(name) ? (`privacy.place.${name}` as `privacy.place.${(typeof knownPlaces)[number]}`) : null;
}

/** Who a request is about: the user id while it runs, the pseudonym once the id is erased too. */
export function subjectOf(r: Pick<Erasure, "user_id" | "user_pseudonym">): { text: string; pseudonym: boolean } {
  return r.user_id ? { text: r.user_id, pseudonym: false } : { text: r.user_pseudonym, pseudonym: true };
}
