// Insights: the API's answer, the period picker's presets and checks, and the formatting of
// conversion shares. Pure functions, so they are tested without a browser.
import { addDays, type TimeMode } from "./format";

export interface InsightsTotals {
  events: number;
  users: number;
  new_users: number;
  returning_users: number;
  sessions: number;
  orders: number;
  revenue: Record<string, number>;
  conversion_rate?: number;
  user_conversion_rate?: number;
  events_by_type: Record<string, number>;
}

export interface InsightsDay {
  date: string;
  events: number;
  users: number;
  new_users: number;
  returning_users: number;
  sessions: number;
  orders: number;
  revenue: Record<string, number>;
}

export interface FunnelStep {
  step: "product_view" | "add_to_cart" | "checkout" | "purchase";
  count: number;
  conversion_from_previous?: number;
  conversion_from_first?: number;
}

export interface Insights {
  from: string;
  to: string;
  time_zone: string;
  totals: InsightsTotals;
  daily: InsightsDay[];
  funnel: { per_user: FunnelStep[]; per_session: FunnelStep[] };
  top_pages: { page: string; page_name?: string; views: number }[];
  top_products: { product_id: string; name?: string; views: number; cart_adds: number }[];
  top_searches: { query: string; searches: number }[];
  most_active_users: { user_key: string; events: number; purchases: number }[];
}

export const PRESETS = [7, 30, 90] as const;
export type Preset = (typeof PRESETS)[number];

/** The longest period the server answers (waymark.insights.max-period). */
export const MAX_DAYS = 400;

/** A period of whole local days: `from` inclusive, `to` exclusive (both "YYYY-MM-DD"). */
export interface DayPeriod {
  from: string;
  to: string;
}

/** What the period picker has chosen: a preset number of days, or custom inclusive days. */
export type Selection = { preset: Preset } | { custom: DayPeriod };

/**
 * The API query of a selection. A preset asks for `days`, so the server's clock decides what
 * "today" is in the zone; a custom period sends its days, which the server reads in the zone.
 */
export function periodQuery(s: Selection, zone: string): Record<string, string | number> {
  return "preset" in s ? { days: s.preset, tz: zone } : { from: s.custom.from, to: s.custom.to, tz: zone };
}

/** The inclusive local days an answer covers, to start a custom period from. */
export function daysOf(i: Insights): { from: string; to: string } | null {
  if (i.daily.length === 0) return null;
  return { from: i.daily[0].date, to: i.daily[i.daily.length - 1].date };
}

/** The IANA zone the days are counted in: UTC, or the browser's own zone. */
export function zoneOf(mode: TimeMode): string {
  return mode === "utc" ? "UTC" : Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

export type PeriodProblem = "insights.period.missing" | "insights.period.order" | "insights.period.tooLong";

/** Checks a custom period of inclusive days; returns the API period or the problem's message key. */
export function customPeriod(fromDay: string, toDay: string): DayPeriod | PeriodProblem {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(fromDay) || !day.test(toDay)) return "insights.period.missing";
  if (fromDay > toDay) return "insights.period.order";
  const span = (Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / 86_400_000 + 1;
  if (span > MAX_DAYS) return "insights.period.tooLong";
  return { from: fromDay, to: addDays(toDay, 1) };
}

/** The last day of a period, for showing it inclusively. */
export function lastDay(p: DayPeriod): string {
  return addDays(p.to, -1);
}

/** A share as a percentage ("66.7 %" / "66,7 %"), or a dash when there is no base. */
export function formatRate(rate: number | null | undefined, locale: string): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return "—";
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(rate);
}

/** The currencies of a period's revenue, most revenue first. */
export function currencies(totals: InsightsTotals): string[] {
  return Object.entries(totals.revenue)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([c]) => c);
}

/** Revenue per day in one currency, 0 on days without any. */
export function revenueSeries(daily: InsightsDay[], currency: string): number[] {
  return daily.map((d) => d.revenue[currency] ?? 0);
}

/** True when the period holds no event at all (the page shows its empty state). */
export function isEmpty(i: Insights): boolean {
  return i.totals.events === 0;
}
