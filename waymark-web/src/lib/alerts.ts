// Alerts and alert rules as the app handles them: the server's shapes, severity order, merging
// pushed alerts into a listed page, the list's filters, and the rule form's checks.
import { query } from "./api";
import type { Errors } from "./validate";

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const RULE_KINDS = ["event_count", "amount_sum", "new_identity_purchase"] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export interface Alert {
  id: string;
  rule_id: number;
  rule_name: string;
  kind: string;
  severity: string;
  user_id: string;
  message: string;
  triggered_at: string;
  detected_at: string;
  status: "open" | "acknowledged";
  acknowledged_by?: string;
  acknowledged_at?: string;
  note?: string;
  evidence: {
    observed: number;
    threshold: number;
    event_count: number;
    event_type?: string;
    window_start: string;
    window_end: string;
    window: string;
    trigger_event_id?: string;
    rule_revision: number;
  };
}

export interface EvidenceEvent {
  event_id: string;
  type: string;
  timestamp: string;
  page_url?: string;
  product_id?: string;
  order_id?: string;
  amount?: number;
  currency?: string;
}

export interface AlertDetail {
  alert: Alert;
  events: EvidenceEvent[];
}

export interface AlertPage {
  items: Alert[];
  next_page_token?: string;
}

export interface Rule {
  id: number;
  revision: number;
  name: string;
  description?: string;
  kind: RuleKind;
  threshold: number;
  window: string;
  window_seconds: number;
  event_type?: string;
  currency?: string;
  severity: Severity;
  enabled: boolean;
}

/** The server writes an alert's severity in capitals and a rule's in lower case; the app uses lower case. */
export function severityOf(s: string | undefined): Severity {
  const v = (s ?? "").toLowerCase();
  return (SEVERITIES as readonly string[]).includes(v) ? (v as Severity) : "medium";
}

export function severityRank(s: string | undefined): number {
  return SEVERITIES.indexOf(severityOf(s));
}

/** Message key of a severity's label. */
export function severityLabel(s: string | undefined) {
  return `severity.${severityOf(s)}` as const;
}

export interface AlertFilter {
  status: "" | "open" | "acknowledged";
  min_severity: "" | Severity;
  rule_id: string;
  user_id: string;
}

export const noFilter: AlertFilter = { status: "", min_severity: "", rule_id: "", user_id: "" };

/** The filter read from the page's address (unknown values are ignored). */
export function filterFrom(params: URLSearchParams): AlertFilter {
  const status = params.get("status") ?? "";
  const min = params.get("min_severity") ?? "";
  const rule = params.get("rule_id") ?? "";
  return {
    status: status === "open" || status === "acknowledged" ? status : "",
    min_severity: (SEVERITIES as readonly string[]).includes(min) ? (min as Severity) : "",
    rule_id: /^\d+$/.test(rule) ? rule : "",
    user_id: (params.get("user_id") ?? "").trim(),
  };
}

/** The query string of GET /api/v1/alerts for a filter and page. */
export function alertsQuery(f: AlertFilter, limit: number, pageToken?: string): string {
  return query({
    status: f.status,
    min_severity: f.min_severity,
    rule_id: f.rule_id,
    user_id: f.user_id.trim(),
    limit,
    page_token: pageToken,
  });
}

/** Whether a pushed alert belongs in a list with this filter (the server applies it to listed ones). */
export function matches(a: Alert, f: AlertFilter): boolean {
  if (f.status && a.status !== f.status) return false;
  if (f.min_severity && severityRank(a.severity) < SEVERITIES.indexOf(f.min_severity)) return false;
  if (f.rule_id && String(a.rule_id) !== f.rule_id) return false;
  if (f.user_id.trim() && a.user_id !== f.user_id.trim()) return false;
  return true;
}

/**
 * Pushed alerts in front of a listed page: one entry per id (the listed one wins, as it carries the
 * latest status), newest detection first.
 */
export function mergeAlerts(pushed: readonly Alert[], listed: readonly Alert[]): Alert[] {
  const byId = new Map<string, Alert>();
  for (const a of pushed) byId.set(a.id, a);
  for (const a of listed) byId.set(a.id, a);
  return [...byId.values()].sort(
    (x, y) => Date.parse(y.detected_at) - Date.parse(x.detected_at) || (x.id < y.id ? 1 : x.id > y.id ? -1 : 0),
  );
}

/** Adds a pushed alert to those received so far (once, newest first, at most `max`). */
export function addPushed(pushed: readonly Alert[], a: Alert, max = 200): Alert[] {
  return [a, ...pushed.filter((p) => p.id !== a.id)].slice(0, max);
}

// ---- the rule form ----

const SIMPLE_DURATION = /^(\d+)(ms|s|m|h|d)$/i;
const ISO_DURATION = /^[+-]?p/i;
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };
const MIN_WINDOW_S = 1;
const MAX_WINDOW_S = 24 * 3600;

/** Seconds of a window written as the server reads it ("90s", "10m", "1h"); null if not that form. */
export function windowSeconds(text: string): number | null {
  const m = SIMPLE_DURATION.exec(text.trim());
  return m ? Number(m[1]) * UNIT_SECONDS[m[2].toLowerCase()] : null;
}

/**
 * A window's problem as a message key, or undefined. The short forms are checked here, range
 * included; ISO-8601 durations (PT1M, P1DT2H, PT0.5S …) have too many shapes to mirror, so only the
 * server checks those and its reason is shown next to the field.
 */
export function windowProblem(text: string) {
  const t = text.trim();
  if (!t) return "rule.windowRequired" as const;
  if (ISO_DURATION.test(t)) return undefined;
  const s = windowSeconds(t);
  if (s === null) return "rule.window" as const;
  if (s < MIN_WINDOW_S || s > MAX_WINDOW_S) return "rule.windowRange" as const;
  return undefined;
}

/** The shortest way to write a number of seconds as a window: 3600 → "1h", 90 → "90s". */
export function windowText(seconds: number): string {
  if (seconds > 0 && seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds > 0 && seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** Seconds of an ISO-8601 duration as the server writes it (PT1M, PT1H30M, PT0.5S, P1D); null otherwise. */
export function isoSeconds(iso: string | undefined): number | null {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso ?? "");
  if (!m || iso === "P" || iso === "PT") return null;
  return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
}

export interface RuleForm {
  name: string;
  description: string;
  kind: RuleKind;
  threshold: string;
  window: string;
  event_type: string;
  currency: string;
  severity: Severity;
  enabled: boolean;
}

export type RuleField = "name" | "description" | "kind" | "threshold" | "window" | "event_type" | "currency" | "severity";

export const emptyRule: RuleForm = {
  name: "",
  description: "",
  kind: "event_count",
  threshold: "",
  window: "1m",
  event_type: "",
  currency: "",
  severity: "medium",
  enabled: true,
};

export function formOf(r: Rule): RuleForm {
  return {
    name: r.name,
    description: r.description ?? "",
    kind: r.kind,
    threshold: String(r.threshold),
    window: windowText(r.window_seconds),
    event_type: r.event_type ?? "",
    currency: r.currency ?? "",
    severity: severityOf(r.severity),
    enabled: r.enabled,
  };
}

const EVENT_TYPE = /^[a-z][a-z0-9_]{0,63}$/;
const CURRENCY = /^[A-Z]{3}$/;
/** An event count rule keeps at most this many events per user (the server's bound). */
const MAX_COUNT = 5_000;

/** Message keys (messages.en.ts, "rule.*") for each broken field of the rule form. */
export function validateRule(f: RuleForm): Errors<RuleField> {
  const e: Errors<RuleField> = {};
  if (!f.name.trim() || f.name.length > 100) e.name = "rule.ruleName";
  if (f.description.length > 500) e.description = "rule.description";
  if (!(RULE_KINDS as readonly string[]).includes(f.kind)) e.kind = "rule.kind";
  const th = f.threshold.trim() === "" ? NaN : Number(f.threshold);
  if (!Number.isFinite(th) || th < 0) e.threshold = "rule.threshold";
  else if (f.kind === "event_count" && th > MAX_COUNT) e.threshold = "rule.thresholdCount";
  const w = windowProblem(f.window);
  if (w) e.window = w;
  if (f.event_type.trim() && !EVENT_TYPE.test(f.event_type.trim())) e.event_type = "rule.eventType";
  if (f.currency.trim() && !CURRENCY.test(f.currency.trim())) e.currency = "rule.currency";
  if (!(SEVERITIES as readonly string[]).includes(f.severity)) e.severity = "rule.severity";
  return e;
}

/** The body of POST and PUT /api/v1/alert-rules: every field, blanks as null. */
export function ruleBody(f: RuleForm): Record<string, unknown> {
  const orNull = (s: string) => (s.trim() ? s.trim() : null);
  return {
    name: f.name.trim(),
    description: orNull(f.description),
    kind: f.kind,
    threshold: Number(f.threshold),
    window: f.window.trim(),
    event_type: orNull(f.event_type),
    currency: orNull(f.currency),
    severity: f.severity,
    enabled: f.enabled,
  };
}
