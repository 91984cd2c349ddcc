import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { Field } from "../components/Field";
import { Empty, ErrorState, Loading } from "../components/States";
import { useApp } from "../context";
import { api, query } from "../lib/api";
import { addDays, dayOf, periodOfDays } from "../lib/format";
import { useFetch } from "../lib/useFetch";
import type { UserRow } from "./Users";
import { AlertFeed } from "../components/AlertBits";
import { CustomerPanel } from "./CustomerPanel";
import type { AlertPage } from "../lib/alerts";
import { may } from "../lib/roles";

interface PageVisit { at: string; url?: string; name?: string; product_id?: string; time_spent_seconds: number }
interface Session {
  start: string;
  end: string;
  duration_seconds: number;
  event_count: number;
  entry_page?: string;
  exit_page?: string;
  pages: PageVisit[];
  products: { at: string; product_id: string }[];
  searches: { at: string; query: string }[];
  cart_changes: { at: string; type: string; product_id?: string }[];
  checkouts: number;
  purchases: number;
  revenue: Record<string, number>;
}
interface Journey { user_key: string; from: string; to: string; session_count: number; truncated: boolean; sessions: Session[] }
interface EventRow {
  event_id: string;
  type: string;
  timestamp: string;
  page_url?: string;
  page_name?: string;
  product_id?: string;
  search_query?: string;
  order_id?: string;
  amount?: number;
  currency?: string;
  source?: string;
}

export function UserPage() {
  const { id = "" } = useParams();
  const { t, prefs, dateTime, number, me } = useApp();
  const summary = useFetch(`user:${id}`, (signal) =>
    api.get<{ items: UserRow[] }>(`/api/v1/users${query({ q: id, limit: 20 })}`, { signal }).then(
      (r) => r.items.find((u) => u.user_key === id) ?? null,
    ),
  );
  const user = summary.data;

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <div className="crumbs"><Link to="/users">{t("nav.users")}</Link> /</div>
          <h1 className="mono" data-testid="user-title">{id}</h1>
        </div>
        {may(me?.role, "admin") && (
          <Link className="btn btn-small btn-danger" to={`/admin/privacy${query({ user: id })}`} data-testid="erase-user">{t("privacy.eraseThisUser")}</Link>
        )}
      </div>
      {summary.loading ? (
        <Loading />
      ) : summary.error ? (
        <ErrorState error={summary.error} onRetry={summary.reload} />
      ) : !user ? (
        <Empty title={t("user.unknown", { id })}>
          <Link to={`/users?q=${encodeURIComponent(id)}`}>{t("user.search")}</Link>
        </Empty>
      ) : (
        <>
          <section className="kpis">
            <div className="kpi card"><div className="kpi-label">{t("users.firstSeen")}</div><div className="kpi-text">{dateTime(user.first_seen)}</div></div>
            <div className="kpi card"><div className="kpi-label">{t("users.lastSeen")}</div><div className="kpi-text">{dateTime(user.last_seen)}</div></div>
            <div className="kpi card"><div className="kpi-label">{t("users.events")}</div><div className="kpi-value">{number(user.event_count)}</div></div>
          </section>
          <div className="grid-2">
            <ProfileCard id={id} />
            <UserAlerts id={id} />
          </div>
          <CustomerPanel id={id} />
          <JourneySection key={`${id}:${prefs.timeMode}`} id={id} lastSeen={user.last_seen} />
          <EventsSection id={id} />
        </>
      )}
    </div>
  );
}

function JourneySection({ id, lastSeen }: { id: string; lastSeen: string }) {
  const { t, prefs, number, money } = useApp();
  const initialTo = dayOf(lastSeen, prefs.timeMode);
  const [fromDay, setFromDay] = useState(addDays(initialTo, -6));
  const [toDay, setToDay] = useState(initialTo);
  const [applied, setApplied] = useState({ fromDay, toDay });
  const badRange = fromDay > toDay;

  const period = periodOfDays(applied.fromDay, applied.toDay, prefs.timeMode);
  const journey = useFetch(`journey:${id}:${period.from}:${period.to}`, (signal) =>
    api.get<Journey>(`/api/v1/users/${encodeURIComponent(id)}/journey${query(period)}`, { signal }),
  );
  const j = journey.data;
  const totals = j?.sessions.reduce(
    (a, s) => {
      a.duration += s.duration_seconds;
      a.purchases += s.purchases;
      for (const [c, v] of Object.entries(s.revenue)) a.revenue[c] = (a.revenue[c] ?? 0) + v;
      return a;
    },
    { duration: 0, purchases: 0, revenue: {} as Record<string, number> },
  );

  return (
    <section className="card">
      <div className="section-head">
        <h2>{t("user.journey")}</h2>
        <form
          className="period"
          onSubmit={(e) => {
            e.preventDefault();
            if (!badRange) setApplied({ fromDay, toDay });
          }}
        >
          <Field id="from" label={t("user.from")} error={badRange ? t("rule.fromBeforeTo") : journey.error?.reasonFor("from")}>
            <input id="from" type="date" value={fromDay} onChange={(e) => setFromDay(e.target.value)} data-testid="period-from" />
          </Field>
          <Field id="to" label={t("user.to")} error={journey.error?.reasonFor("to")}>
            <input id="to" type="date" value={toDay} onChange={(e) => setToDay(e.target.value)} data-testid="period-to" />
          </Field>
          <button className="btn" type="submit" disabled={badRange} data-testid="period-apply">{t("action.apply")}</button>
        </form>
      </div>
      {journey.loading ? (
        <Loading />
      ) : journey.error ? (
        <ErrorState error={journey.error} onRetry={journey.reload} />
      ) : !j || j.sessions.length === 0 ? (
        <Empty title={t("user.noSessions")}>{t("user.noSessionsHint")}</Empty>
      ) : (
        <>
          <p className="muted" data-testid="journey-summary">
            {t("user.sessionsSummary", { n: number(j.session_count) })}
            {totals && ` · ${t("user.purchases")}: ${number(totals.purchases)}`}
            {totals && Object.entries(totals.revenue).map(([c, v]) => ` · ${money(v, c)}`).join("")}
          </p>
          {j.truncated && <div className="alert alert-warn">{t("user.truncated")}</div>}
          <ol className="timeline" data-testid="sessions">
            {[...j.sessions].reverse().map((s) => (
              <SessionCard key={s.start} s={s} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function SessionCard({ s }: { s: Session }) {
  const { t, dateTime, time, duration, number, money } = useApp();
  return (
    <li className="session" data-testid="session">
      <div className="session-head">
        <div>
          <strong>{dateTime(s.start)}</strong>
          <span className="muted"> → {time(s.end)}</span>
        </div>
        <div className="chips">
          <span className="chip">{t("user.duration")}: {duration(s.duration_seconds)}</span>
          <span className="chip">{t("user.eventCount", { n: number(s.event_count) })}</span>
          {s.purchases > 0 && <span className="chip chip-good">{t("user.purchases")}: {number(s.purchases)}</span>}
          {Object.entries(s.revenue).map(([c, v]) => (
            <span key={c} className="chip chip-good" data-testid="revenue">{money(v, c)}</span>
          ))}
        </div>
      </div>
      {s.pages.length > 0 && (
        <table className="table table-compact">
          <thead>
            <tr><th>{t("user.at")}</th><th>{t("user.page")}</th><th className="num">{t("user.timeOnPage")}</th></tr>
          </thead>
          <tbody>
            {s.pages.map((p, i) => (
              <tr key={i} data-testid="page-visit">
                <td className="nowrap">{time(p.at)}</td>
                <td className="mono ellipsis" title={p.url ?? p.name}>{p.url ?? p.name}{p.product_id && <span className="badge badge-muted">{p.product_id}</span>}</td>
                <td className="num">{duration(p.time_spent_seconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="session-facts">
        {s.products.length > 0 && (
          <div><span className="fact-label">{t("user.products")}</span> {s.products.map((p, i) => <span key={i} className="chip">{p.product_id}</span>)}</div>
        )}
        {s.searches.length > 0 && (
          <div><span className="fact-label">{t("user.searches")}</span> {s.searches.map((q, i) => <span key={i} className="chip">“{q.query}”</span>)}</div>
        )}
        {s.cart_changes.length > 0 && (
          <div><span className="fact-label">{t("user.cart")}</span> {s.cart_changes.map((c, i) => (
            <span key={i} className={`chip ${c.type === "add_to_cart" ? "chip-good" : "chip-bad"}`}>{c.type === "add_to_cart" ? "+" : "−"} {c.product_id}</span>
          ))}</div>
        )}
        {s.checkouts > 0 && <div><span className="fact-label">{t("user.checkouts")}</span> {number(s.checkouts)}</div>}
      </div>
    </li>
  );
}

function EventsSection({ id }: { id: string }) {
  const { t, dateTime, money } = useApp();
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const token = tokens[tokens.length - 1];
  useEffect(() => setTokens([undefined]), [id]);
  const events = useFetch(`events:${id}:${token ?? ""}`, (signal) =>
    api.get<{ items: EventRow[]; next_page_token?: string }>(
      `/api/v1/users/${encodeURIComponent(id)}/events${query({ limit: 25, page_token: token })}`,
      { signal },
    ),
  );
  const e = events.data;
  return (
    <section className="card">
      <h2>{t("user.events")}</h2>
      {events.loading ? (
        <Loading />
      ) : events.error ? (
        <ErrorState error={events.error} onRetry={events.reload} />
      ) : !e || e.items.length === 0 ? (
        <Empty title={t("user.noEvents")} />
      ) : (
        <>
          <div className="table-wrap">
            <table className="table" data-testid="events-table">
              <thead><tr><th>{t("user.at")}</th><th>{t("user.type")}</th><th>{t("user.detail")}</th></tr></thead>
              <tbody>
                {e.items.map((ev) => (
                  <tr key={ev.event_id}>
                    <td className="nowrap">{dateTime(ev.timestamp)}</td>
                    <td><span className="badge badge-type">{ev.type}</span></td>
                    <td className="mono ellipsis">
                      {ev.page_url ?? ev.page_name ?? ev.product_id ?? ev.search_query ?? ev.order_id ?? ""}
                      {ev.amount !== undefined && ev.currency && ` · ${money(ev.amount, ev.currency)}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="pager">
            <button className="btn btn-small" disabled={tokens.length <= 1} onClick={() => setTokens(tokens.slice(0, -1))}>← {t("pager.newer")}</button>
            <button className="btn btn-small" disabled={!e.next_page_token} onClick={() => setTokens([...tokens, e.next_page_token])} data-testid="older-events">{t("pager.older")} →</button>
          </div>
        </>
      )}
    </section>
  );
}

interface Profile {
  user_id: string;
  number_pages_viewed_in_the_last_7_days: number;
  time_spent_on_site_in_last_7_days: number;
  number_of_days_active_in_last_7_days: number;
  most_viewed_page_in_last_7_days: string | null;
}

/** The 7-day behavioural profile; a user the stream has no state for answers 404. */
function ProfileCard({ id }: { id: string }) {
  const { t, number } = useApp();
  const profile = useFetch(`profile:${id}`, (signal) => api.get<Profile>(`/v1/user/${encodeURIComponent(id)}`, { signal }));
  const p = profile.data;
  return (
    <section className="card" data-testid="profile">
      <div className="section-head">
        <h2>{t("profile.title")}</h2>
        <span className="muted small">{t("profile.hint")}</span>
      </div>
      {profile.loading ? (
        <Loading />
      ) : profile.error?.status === 404 ? (
        <Empty title={t("profile.noActivity")}>{t("profile.noActivityHint")}</Empty>
      ) : profile.error ? (
        <ErrorState error={profile.error} onRetry={profile.reload} />
      ) : !p ? null : (
        <dl className="facts">
          <div><dt>{t("profile.pages")}</dt><dd data-testid="profile-pages">{number(p.number_pages_viewed_in_the_last_7_days)}</dd></div>
          <div><dt>{t("profile.minutes")}</dt><dd data-testid="profile-minutes">{t("profile.minutesValue", { n: number(p.time_spent_on_site_in_last_7_days) })}</dd></div>
          <div><dt>{t("profile.days")}</dt><dd data-testid="profile-days">{t("profile.daysValue", { n: number(p.number_of_days_active_in_last_7_days) })}</dd></div>
          <div className="fact-wide">
            <dt>{t("profile.topPage")}</dt>
            <dd className="mono ellipsis" data-testid="profile-top-page" title={p.most_viewed_page_in_last_7_days ?? ""}>
              {p.most_viewed_page_in_last_7_days ?? <span className="muted">{t("profile.noPage")}</span>}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}

function UserAlerts({ id }: { id: string }) {
  const { t } = useApp();
  const alerts = useFetch(`user-alerts:${id}`, (signal) =>
    api.get<AlertPage>(`/api/v1/alerts${query({ user_id: id, limit: 5 })}`, { signal }),
  );
  const items = alerts.data?.items ?? [];
  return (
    <section className="card" data-testid="user-alerts">
      <div className="section-head">
        <h2>{t("user.alerts")}</h2>
        {items.length > 0 && <Link to={`/alerts?user_id=${encodeURIComponent(id)}`} className="small">{t("user.allAlerts")} →</Link>}
      </div>
      {alerts.loading ? (
        <Loading />
      ) : alerts.error ? (
        <ErrorState error={alerts.error} onRetry={alerts.reload} />
      ) : items.length === 0 ? (
        <Empty title={t("user.noAlerts")} />
      ) : (
        <AlertFeed alerts={items} showUser={false} />
      )}
    </section>
  );
}
