// The running instance: its version and commit (footer) and its health with details (Live, System).
import { api } from "./api";
import type { Health } from "./live";

export interface SystemInfo {
  version: string;
  commit: string;
  commit_time?: string;
  dirty: boolean;
  build_time?: string;
}

/** Health of every component with details; any signed-in role (the public endpoint has no details). */
export function loadHealth(signal?: AbortSignal): Promise<Health> {
  return api.get<Health>("/api/v1/system/health", { signal });
}

export function loadSystemInfo(signal?: AbortSignal): Promise<SystemInfo> {
  return api.get<SystemInfo>("/api/v1/system/info", { signal });
}

/** The commit as shown: abbreviated, marked when the build had uncommitted changes. */
export function shownCommit(info: SystemInfo): string {
  return info.commit.slice(0, 12) + (info.dirty ? "+" : "");
}
