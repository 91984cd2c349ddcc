// Bulk imports: the job as the server reports it, and what the page derives from it.

export type ImportKind = "clickstream" | "transactions" | "catalogue" | "tickets";
export const KINDS: ImportKind[] = ["clickstream", "transactions", "catalogue", "tickets"];
export type ImportStatus = "queued" | "running" | "completed" | "failed";

export interface RowError { row: number; field: string; reason: string }

export interface ImportJob {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  file_name: string;
  bytes: number;
  bytes_read: number;
  percent: number;
  rows_read: number;
  rows_accepted: number;
  rows_quarantined: number;
  created_by: string;
  created_at: string;
  started_at?: string;
  finished_at?: string;
  elapsed_ms?: number;
  rows_per_second?: number;
  failure?: string;
  quarantine_source: string;
  errors?: RowError[];
}

export interface ImportPage { items: ImportJob[]; next_page_token?: string }

/** A job still moving: the page polls it every second until it ends. */
export function isActive(job: ImportJob): boolean {
  return job.status === "queued" || job.status === "running";
}

/** The upload URL for a kind and file name. */
export function uploadPath(kind: ImportKind, fileName: string): string {
  return `/api/v1/imports?kind=${encodeURIComponent(kind)}&file_name=${encodeURIComponent(fileName)}`;
}

/** The kind a file name suggests (the generator's names), or undefined. */
export function kindFor(fileName: string): ImportKind | undefined {
  const n = fileName.toLowerCase();
  if (n.includes("clickstream")) return "clickstream";
  if (n.endsWith(".csv") || n.includes("transaction")) return "transactions";
  if (n.includes("catalog")) return "catalogue";
  if (n.includes("ticket")) return "tickets";
  return undefined;
}

/** The progress bar's width, 0-100. */
export function progressOf(job: ImportJob): number {
  if (job.status === "completed") return 100;
  return Math.max(0, Math.min(100, job.percent));
}
