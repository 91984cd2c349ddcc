// Checks forms as the user types. They mirror the server's rules so most mistakes show at once;
// the server checks again and its field errors are shown the same way.

export type Errors<F extends string> = Partial<Record<F, string>>;

const USERNAME = /^[A-Za-z0-9._@-]{3,64}$/;
const EVENT_TYPE = /^[a-z][a-z0-9_]{0,63}$/;
const CURRENCY = /^[A-Z]{3}$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export type AccountField = "username" | "password" | "role";

export function validateAccount(a: { username: string; password: string; role: string }): Errors<AccountField> {
  const e: Errors<AccountField> = {};
  if (!USERNAME.test(a.username)) e.username = "rule.username";
  // bcrypt uses at most 72 bytes: the server refuses longer passwords (UTF-8 bytes, not characters).
  const bytes = new TextEncoder().encode(a.password).length;
  if (a.password.length < 10 || a.password.length > 200 || bytes > 72) e.password = "rule.password";
  if (!["viewer", "analyst", "admin"].includes(a.role)) e.role = "rule.role";
  return e;
}

export type KeyField = "name" | "scope" | "rate_limit_per_second";

export function validateKey(k: { name: string; scope: string; rate: string }): Errors<KeyField> {
  const e: Errors<KeyField> = {};
  if (!k.name.trim() || k.name.length > 100) e.name = "rule.keyName";
  if (!["ingest", "viewer", "analyst", "admin"].includes(k.scope)) e.scope = "rule.scope";
  if (k.rate.trim()) {
    const r = Number(k.rate);
    if (!Number.isFinite(r) || r <= 0 || r > 10_000_000) e.rate_limit_per_second = "rule.rate";
  }
  return e;
}

export interface EventForm {
  type: string;
  user_id: string;
  anonymous_id: string;
  page_url: string;
  product_id: string;
  search_query: string;
  order_id: string;
  amount: string;
  currency: string;
  timestamp: string;
}

export type EventField = keyof EventForm | "key";

/** Message keys (see messages.en.ts, "rule.*") for each broken field of the test-event form. */
export function validateEvent(f: EventForm, key: string): Errors<EventField> {
  const e: Errors<EventField> = {};
  if (!key.trim()) e.key = "rule.keyRequired";
  if (!EVENT_TYPE.test(f.type)) e.type = "rule.eventType";
  if (!f.user_id.trim() && !f.anonymous_id.trim()) e.user_id = "rule.userOrAnonymous";
  if (f.user_id.length > 128) e.user_id = "rule.max128";
  if (f.type === "page_view" && !f.page_url.trim()) e.page_url = "rule.pageUrl";
  if (["product_view", "add_to_cart", "remove_from_cart"].includes(f.type) && !f.product_id.trim())
    e.product_id = "rule.productId";
  if (f.type === "search" && !f.search_query.trim()) e.search_query = "rule.searchQuery";
  if (f.type === "purchase" && !f.order_id.trim()) e.order_id = "rule.orderId";
  if (f.type === "purchase" && !f.amount.trim()) e.amount = "rule.amountRequired";
  if (f.amount.trim()) {
    const a = Number(f.amount);
    if (!Number.isFinite(a) || a < 0 || a > 1e12) e.amount = "rule.amount";
    else if (!CURRENCY.test(f.currency)) e.currency = "rule.currency";
  }
  if (f.timestamp.trim() && !ISO_WITH_OFFSET.test(f.timestamp.trim())) e.timestamp = "rule.timestamp";
  return e;
}

/** The JSON body the collector expects: only the fields that were filled in. */
export function eventBody(f: EventForm): Record<string, unknown> {
  const body: Record<string, unknown> = { type: f.type };
  for (const k of ["user_id", "anonymous_id", "page_url", "product_id", "search_query", "order_id", "currency", "timestamp"] as const) {
    if (f[k].trim()) body[k] = f[k].trim();
  }
  if (f.amount.trim()) body.amount = Number(f.amount);
  return body;
}

export function hasErrors(e: object): boolean {
  return Object.keys(e).length > 0;
}

export type RateLimitField = "events_per_second" | "burst";

/** A key's own rate limit: events per second (required) and an optional bucket size in events. */
export function validateRateLimit(r: { rate: string; burst: string }): Errors<RateLimitField> {
  const e: Errors<RateLimitField> = {};
  const rate = Number(r.rate);
  if (!r.rate.trim() || !Number.isFinite(rate) || rate <= 0 || rate > 10_000_000) e.events_per_second = "rule.rate";
  if (r.burst.trim()) {
    const b = Number(r.burst);
    if (!Number.isFinite(b) || b < 1 || b > 1_000_000_000) e.burst = "rule.burst";
  }
  return e;
}
