// Daily exports: the configuration and runs as the server reports them, the form's checks (the
// server's rules, so most mistakes show as you type) and what the page derives from a run.

import type { Errors } from "./validate";

export const DATASETS = ["events", "sessions", "daily_report", "customers"] as const;
export type Dataset = (typeof DATASETS)[number];
export const FORMATS = ["parquet", "csv", "ndjson"] as const;
export type Format = (typeof FORMATS)[number];
export type Destination = "directory" | "webhook";
export type RunStatus = "queued" | "running" | "succeeded" | "failed";

export interface ExportFile {
  name: string;
  dataset: Dataset;
  rows: number;
  bytes: number;
  delivery: "delivered" | "failed";
  attempts: number;
  delivery_error?: string;
  download: string;
}

export interface ExportRun {
  id: string;
  export_id: string;
  date: string;
  cause: "schedule" | "manual";
  status: RunStatus;
  requested_by: string;
  created_at: string;
  started_at?: string;
  finished_at?: string;
  duration_ms?: number;
  error?: string;
  files: ExportFile[];
}

export interface ExportConfig {
  id: string;
  name: string;
  datasets: Dataset[];
  format: Format;
  destination: Destination;
  directory?: string;
  webhook_url?: string;
  webhook_secret?: string;
  schedule_time: string;
  enabled: boolean;
  created_by: string;
  created_at: string;
  updated_at: string;
  next_run_at?: string;
  last_run?: ExportRun;
}

export interface RunPage { items: ExportRun[]; next_page_token?: string }

export interface ExportForm {
  name: string;
  datasets: Dataset[];
  format: Format;
  destination: Destination;
  directory: string;
  webhook_url: string;
  schedule_time: string;
  enabled: boolean;
}

export type ExportField = "name" | "datasets" | "format" | "destination" | "directory" | "webhook_url" | "schedule_time";
export const EXPORT_FIELDS: ExportField[] = ["name", "datasets", "format", "destination", "directory", "webhook_url", "schedule_time"];

export const emptyExport: ExportForm = {
  name: "",
  datasets: ["events", "daily_report"],
  format: "parquet",
  destination: "directory",
  directory: "",
  webhook_url: "",
  schedule_time: "10:00",
  enabled: true,
};

export function formOf(c: ExportConfig): ExportForm {
  return {
    name: c.name,
    datasets: [...c.datasets],
    format: c.format,
    destination: c.destination,
    directory: c.directory ?? "",
    webhook_url: c.webhook_url ?? "",
    schedule_time: c.schedule_time,
    enabled: c.enabled,
  };
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The server's rules for an export; values are message keys. */
export function validateExport(f: ExportForm): Errors<ExportField> {
  const e: Errors<ExportField> = {};
  if (!NAME.test(f.name)) e.name = "exports.rule.name";
  if (f.datasets.length === 0) e.datasets = "exports.rule.datasets";
  if (!(FORMATS as readonly string[]).includes(f.format)) e.format = "exports.rule.format";
  if (f.destination === "directory" && !f.directory.trim().startsWith("/")) e.directory = "exports.rule.directory";
  if (f.destination === "webhook" && !/^https?:\/\/[^/\s]+/.test(f.webhook_url.trim())) e.webhook_url = "exports.rule.webhookUrl";
  if (!HH_MM.test(f.schedule_time)) e.schedule_time = "exports.rule.scheduleTime";
  return e;
}

/** The body of POST and PUT /api/v1/exports: only the chosen destination's field. */
export function exportBody(f: ExportForm): Record<string, unknown> {
  return {
    name: f.name.trim(),
    datasets: DATASETS.filter((d) => f.datasets.includes(d)),
    format: f.format,
    destination: f.destination,
    ...(f.destination === "directory" ? { directory: f.directory.trim() } : { webhook_url: f.webhook_url.trim() }),
    schedule_time: f.schedule_time,
    enabled: f.enabled,
  };
}

/** Adds or removes a dataset, keeping the server's order. */
export function toggleDataset(chosen: Dataset[], d: Dataset): Dataset[] {
  const next = chosen.includes(d) ? chosen.filter((x) => x !== d) : [...chosen, d];
  return DATASETS.filter((x) => next.includes(x));
}

/** A run still moving: the page polls it every second until it ends. */
export function isActive(run: ExportRun | undefined): boolean {
  return !!run && (run.status === "queued" || run.status === "running");
}

/** The UTC day before `now` as YYYY-MM-DD: the default (and latest) day to export. */
export function yesterdayUtc(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1));
  return d.toISOString().slice(0, 10);
}

/** Why a chosen day cannot be exported (a message key), or undefined when it can. */
export function dateProblem(date: string, now: Date): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return "exports.rule.date";
  return date > yesterdayUtc(now) ? "exports.rule.pastDate" : undefined;
}

/** A byte count for people: 512 B, 1.5 KB, 3.2 MB. */
export function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** The rows of every file of a run. */
export function totalRows(run: ExportRun): number {
  return run.files.reduce((n, f) => n + f.rows, 0);
}
