// What each role may see in the app. The server enforces the same rules on every endpoint; this
// only decides what the navigation and the pages offer.

export type Role = "viewer" | "analyst" | "admin" | "ingest";
export type Area = "live" | "insights" | "alerts" | "alertRules" | "acknowledge" | "editRules" | "profiles" | "users" | "data" | "editExports" | "admin";

const allowed: Record<Area, Role[]> = {
  live: ["viewer", "analyst", "admin"],
  insights: ["viewer", "analyst", "admin"],
  alerts: ["viewer", "analyst", "admin"],
  alertRules: ["analyst", "admin"],
  acknowledge: ["analyst", "admin"],
  editRules: ["admin"],
  profiles: ["analyst", "admin"],
  users: ["analyst", "admin"],
  data: ["analyst", "admin"],
  editExports: ["admin"],
  admin: ["admin"],
};

export function may(role: Role | undefined, area: Area): boolean {
  return !!role && allowed[area].includes(role);
}

/** The first page a role lands on after logging in. */
export function homeOf(role: Role | undefined): string {
  return may(role, "live") ? "/live" : "/login";
}
