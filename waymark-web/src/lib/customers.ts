// The unified customer profile (GET /api/v1/customers/{id}): types and the small rules the panel
// shows them with.
import { addDays, startOfDay, type TimeMode } from "./format";
import type { MessageKey } from "./i18n";

export interface CustomerProfile {
  first_seen?: string;
  last_seen?: string;
  events_30d: number;
  events_total: number;
  sessions_30d: number;
  sessions_total: number;
  orders: number;
  failed_payments: number;
  refunds: number;
  refunded_amount: number;
  lifetime_revenue: number;
  average_order_value?: number | null;
  last_purchase?: string | null;
  currency: string;
  tickets_total: number;
  tickets_open: number;
  tickets_closed: number;
  average_satisfaction?: number | null;
  favourite_categories: string[];
  linked_anonymous_ids: string[];
  segments: string[];
}

export interface CustomerVersion {
  customer_id: string;
  version: number;
  valid_from: string;
  valid_to?: string | null;
  current: boolean;
  checked_at?: string;
  profile: CustomerProfile;
}

export interface HistoryEntry {
  version: number;
  valid_from: string;
  valid_to?: string | null;
  current: boolean;
  changed: string[];
  profile: CustomerProfile;
}

export interface CustomerHistory {
  customer_id: string;
  items: HistoryEntry[];
}

/** The as_of instant for a chosen day: the last millisecond of that day in the chosen zone. */
export function asOfEndOfDay(day: string, mode: TimeMode): string {
  return new Date(Date.parse(startOfDay(addDays(day, 1), mode)) - 1).toISOString();
}

const SEGMENTS = ["new", "active", "high_value", "at_risk", "lapsed", "churned"] as const;

/** The message key of a segment, or null for one this app does not know (shown as sent). */
export function segmentKey(segment: string): MessageKey | null {
  return (SEGMENTS as readonly string[]).includes(segment) ? (`customer.segment.${segment}` as MessageKey) : null;
}

const ATTRIBUTES: Record<string, MessageKey> = {
  first_seen: "customer.firstSeen",
  last_seen: "customer.lastSeen",
  events_30d: "customer.events30d",
  events_total: "customer.eventsTotal",
  sessions_30d: "customer.sessions30d",
  sessions_total: "customer.sessionsTotal",
  orders: "customer.orders",
  failed_payments: "customer.failedPayments",
  refunds: "customer.refunds",
  refunded_amount: "customer.refundedAmount",
  lifetime_revenue: "customer.revenue",
  average_order_value: "customer.averageOrder",
  last_purchase: "customer.lastPurchase",
  currency: "customer.currency",
  tickets_total: "customer.tickets",
  tickets_open: "customer.ticketsOpen",
  tickets_closed: "customer.ticketsClosed",
  average_satisfaction: "customer.satisfaction",
  favourite_categories: "customer.categories",
  linked_anonymous_ids: "customer.linkedIds",
  segments: "customer.segments",
};

/** What changed in a version, in words: "Orders, Revenue"; the first version says so. */
export function describeChanges(
  entry: Pick<HistoryEntry, "changed">,
  isFirst: boolean,
  t: (key: MessageKey) => string,
  separator = ", ",
): string {
  if (isFirst) return t("customer.firstVersion");
  if (entry.changed.length === 0) return t("customer.noChange");
  return entry.changed.map((name) => (name in ATTRIBUTES ? t(ATTRIBUTES[name]) : name)).join(separator);
}
