// Locale- and time-zone-aware formatting. Every time the app shows goes through here, so the
// viewer's choice of UTC or local time applies everywhere.

export type TimeMode = "utc" | "local";

const zone = (mode: TimeMode) => (mode === "utc" ? "UTC" : undefined);

function toDate(value: string | number | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** Date and time, e.g. "2 Mar 2026, 11:59:30 UTC" (en-GB style) or "2 mar 2026, 11:59:30 UTC". */
export function formatDateTime(value: string | number | Date, locale: string, mode: TimeMode): string {
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZone: zone(mode),
    timeZoneName: "short",
  }).format(toDate(value));
}

/** A date only, e.g. "2 Mar 2026". */
export function formatDate(value: string | number | Date, locale: string, mode: TimeMode): string {
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: zone(mode),
  }).format(toDate(value));
}

/** Hours and minutes, for chart axes: "11:59". */
export function formatClock(value: string | number | Date, locale: string, mode: TimeMode): string {
  return new Intl.DateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: zone(mode),
  }).format(toDate(value));
}

/** Time of day with seconds and the zone: "11:59:30 UTC". */
export function formatTime(value: string | number | Date, locale: string, mode: TimeMode): string {
  return new Intl.DateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZone: zone(mode),
    timeZoneName: "short",
  }).format(toDate(value));
}

export function formatNumber(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n);
}

export function formatMoney(amount: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount);
  } catch {
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(amount)} ${currency}`;
  }
}

/** A duration in seconds as "2 h 05 min", "4 min 07 s" or "12 s" (SI symbols, locale digits). */
export function formatDuration(totalSeconds: number, locale: string): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const n = (v: number, pad: boolean) =>
    new Intl.NumberFormat(locale, { minimumIntegerDigits: pad ? 2 : 1 }).format(v);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${n(h, false)} h ${n(m, true)} min`;
  if (m > 0) return `${n(m, false)} min ${n(sec, true)} s`;
  return `${n(sec, false)} s`;
}

/** The calendar day of an instant in the chosen zone, as an <input type="date"> value. */
export function dayOf(value: string | number | Date, mode: TimeMode): string {
  const d = toDate(value);
  if (mode === "utc") return d.toISOString().slice(0, 10);
  const p = (v: number) => String(v).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Adds whole days to a "YYYY-MM-DD" day. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The instant a day starts in the chosen zone (ISO-8601, UTC). */
export function startOfDay(day: string, mode: TimeMode): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${day}`);
  if (mode === "utc") return `${day}T00:00:00.000Z`;
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y, m - 1, d).toISOString();
}

/** A period of whole days, both inclusive, as the API's [from, to) instants. */
export function periodOfDays(fromDay: string, toDay: string, mode: TimeMode): { from: string; to: string } {
  return { from: startOfDay(fromDay, mode), to: startOfDay(addDays(toDay, 1), mode) };
}
