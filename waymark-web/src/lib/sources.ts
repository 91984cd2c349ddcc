// Connected sources: the source and its runs as the server reports them, the form checked as you
// type, and the words for a schedule.

import type { ImportKind } from "./imports";
import type { Errors } from "./validate";

export type RunStatus = "running" | "completed" | "failed";

export interface RunImport { import_id: string; status: string; quarantine_source?: string }

export interface SourceRun {
  id: string;
  source_id: string;
  triggered_by: string;
  status: RunStatus;
  started_at: string;
  finished_at?: string;
  elapsed_ms?: number;
  files: number;
  bytes: number;
  bytes_read: number;
  percent: number;
  rows_read: number;
  rows_accepted: number;
  rows_quarantined: number;
  error?: string;
  imports: RunImport[];
}

export interface Source {
  id: string;
  name: string;
  kind: ImportKind;
  url?: string;
  auth_header_set: boolean;
  path?: string;
  interval_minutes?: number;
  daily_at?: string;
  enabled: boolean;
  next_run_at?: string;
  running: boolean;
  created_by: string;
  created_at: string;
  updated_at: string;
  last_run?: SourceRun;
}

export interface RunPage { items: SourceRun[]; next_page_token?: string }

export type LocationKind = "url" | "path";
export type ScheduleKind = "interval" | "daily";

export interface SourceForm {
  name: string;
  kind: ImportKind;
  location: LocationKind;
  url: string;
  /** Typed by the admin; empty keeps the stored value on an edit unless `clearAuth`. */
  auth_header: string;
  clearAuth: boolean;
  path: string;
  schedule: ScheduleKind;
  interval_minutes: string;
  daily_at: string;
  enabled: boolean;
}

export type SourceField = "name" | "kind" | "url" | "auth_header" | "path" | "interval_minutes" | "daily_at";
export const SOURCE_FIELDS: SourceField[] = ["name", "kind", "url", "auth_header", "path", "interval_minutes", "daily_at"];

export const MAX_INTERVAL_MINUTES = 7 * 24 * 60;
const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export const emptySource: SourceForm = {
  name: "",
  kind: "catalogue",
  location: "url",
  url: "",
  auth_header: "",
  clearAuth: false,
  path: "",
  schedule: "interval",
  interval_minutes: "60",
  daily_at: "10:00",
  enabled: true,
};

/** The form for editing a stored source (the authorization header is never sent back). */
export function formOf(s: Source): SourceForm {
  return {
    ...emptySource,
    name: s.name,
    kind: s.kind,
    location: s.path ? "path" : "url",
    url: s.url ?? "",
    path: s.path ?? "",
    schedule: s.daily_at ? "daily" : "interval",
    interval_minutes: s.interval_minutes != null ? String(s.interval_minutes) : emptySource.interval_minutes,
    daily_at: s.daily_at ?? emptySource.daily_at,
    enabled: s.enabled,
  };
}

/** The same rules as the server (which has the last word, e.g. on allowed server directories). */
export function validateSource(f: SourceForm): Errors<SourceField> {
  const e: Errors<SourceField> = {};
  if (!f.name.trim()) e.name = "source.name";
  else if (f.name.trim().length > 100) e.name = "source.nameLong";
  if (f.location === "url") {
    const u = f.url.trim();
    if (!u) e.url = "source.url";
    else if (!isHttpUrl(u)) e.url = "source.urlScheme";
    if (f.auth_header.length > 2000 || /[^\x20-\x7e]/.test(f.auth_header)) e.auth_header = "source.authHeader";
  } else {
    const p = f.path.trim();
    if (!p) e.path = "source.path";
    else if (!p.startsWith("/") && !/^[A-Za-z]:[\\/]/.test(p)) e.path = "source.pathAbsolute";
  }
  if (f.schedule === "interval") {
    const n = f.interval_minutes.trim() === "" ? NaN : Number(f.interval_minutes);
    if (!Number.isInteger(n) || n < 1 || n > MAX_INTERVAL_MINUTES) e.interval_minutes = "source.interval";
  } else if (!HH_MM.test(f.daily_at.trim())) {
    e.daily_at = "source.dailyAt";
  }
  return e;
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
  } catch {
    return false;
  }
}

/** The body of POST and PUT /api/v1/sources. Leaving auth_header out keeps the stored one. */
export function sourceBody(f: SourceForm): Record<string, unknown> {
  const body: Record<string, unknown> = { name: f.name.trim(), kind: f.kind, enabled: f.enabled };
  if (f.location === "url") {
    body.url = f.url.trim();
    if (f.clearAuth) body.auth_header = "";
    else if (f.auth_header.trim()) body.auth_header = f.auth_header.trim();
  } else {
    body.path = f.path.trim();
  }
  if (f.schedule === "interval") body.interval_minutes = Number(f.interval_minutes);
  else body.daily_at = f.daily_at.trim();
  return body;
}

/** The body that switches a stored source on or off, everything else unchanged. */
export function toggledBody(s: Source): Record<string, unknown> {
  return sourceBody({ ...formOf(s), enabled: !s.enabled });
}

/** A schedule in words: a message key and its values. */
export function scheduleWords(s: { interval_minutes?: number; daily_at?: string }): {
  key: "schedule.daily" | "schedule.everyMinutes" | "schedule.everyHours" | "schedule.everyMinute" | "schedule.everyHour";
  values: Record<string, string | number>;
} {
  if (s.daily_at) return { key: "schedule.daily", values: { time: s.daily_at } };
  const m = s.interval_minutes ?? 0;
  if (m === 1) return { key: "schedule.everyMinute", values: {} };
  if (m === 60) return { key: "schedule.everyHour", values: {} };
  if (m % 60 === 0) return { key: "schedule.everyHours", values: { n: m / 60 } };
  return { key: "schedule.everyMinutes", values: { n: m } };
}

/** A run still moving: the page polls it every second until it ends. */
export function isRunning(r: SourceRun | undefined): boolean {
  return r?.status === "running";
}

/** The progress bar's width, 0-100. */
export function runProgress(r: SourceRun): number {
  if (r.status === "completed") return 100;
  return Math.max(0, Math.min(100, r.percent));
}

/** Where a source reads from, for the list. */
export function locationOf(s: Source): string {
  return s.url ?? s.path ?? "";
}
