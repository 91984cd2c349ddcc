import { useMemo, useState, type ReactNode } from "react";
import { Link } from "react-router";
import { Chart, type ChartOption } from "../components/Chart";
import { Field } from "../components/Field";
import { Empty, ErrorState, Loading } from "../components/States";
import { useApp } from "../context";
import { api, query } from "../lib/api";
import {
  PRESETS,
  currencies,
  customPeriod,
  formatRate,
  isEmpty,
  daysOf,
  periodQuery,
  revenueSeries,
  zoneOf,
  type Selection,
  type FunnelStep,
  type Insights,
} from "../lib/insights";
import { may } from "../lib/roles";
import { useFetch } from "../lib/useFetch";

const PALETTE = ["#4c6ef5", "#12b886", "#f76707", "#ae3ec9", "#e64980"];

/** Shows a "YYYY-MM-DD" day in the viewer's language (the day itself, not shifted by a zone). */
function useDay() {
  const { locale } = useApp();
  return (day: string) =>
    new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(
      new Date(`${day}T00:00:00Z`),
    );
}

export function InsightsPage() {
  const { t, prefs } = useApp();
  const zone = zoneOf(prefs.timeMode);
  const [selection, setSelection] = useState<Selection>({ preset: 30 });
  const [editing, setEditing] = useState(false);
  const [fromDay, setFromDay] = useState("");
  const [toDay, setToDay] = useState("");
  const checked = customPeriod(fromDay, toDay);
  const params = periodQuery(selection, zone);
  const insights = useFetch(JSON.stringify(params), (signal) =>
    api.get<Insights>(`/api/v1/insights${query({ ...params, limit: 10 })}`, { signal }),
  );
  const day = useDay();
  const covered = insights.data ? daysOf(insights.data) : null;
  const startCustom = () => {
    if (covered && !fromDay) {
      setFromDay(covered.from);
      setToDay(covered.to);
    }
    setEditing(true);
  };

  return (
    <div className="page" data-testid="insights-page">
      <div className="page-head">
        <div>
          <h1>{t("insights.title")}</h1>
          <p className="muted">{t("insights.subtitle", { zone })}</p>
        </div>
        <div className="segmented" role="group" aria-label={t("insights.period")} data-testid="presets">
          {PRESETS.map((n) => {
            const on = !editing && "preset" in selection && selection.preset === n;
            return (
              <button
                key={n}
                className={on ? "on" : ""}
                aria-pressed={on}
                data-testid={`preset-${n}`}
                onClick={() => {
                  setEditing(false);
                  setSelection({ preset: n });
                }}
              >
                {t("insights.preset", { n })}
              </button>
            );
          })}
          <button className={editing || "custom" in selection ? "on" : ""} aria-pressed={editing || "custom" in selection} data-testid="preset-custom" onClick={startCustom}>
            {t("insights.custom")}
          </button>
        </div>
      </div>
      {editing && (
        <form
          className="period card"
          onSubmit={(e) => {
            e.preventDefault();
            if (typeof checked !== "string") setSelection({ custom: checked });
          }}
        >
          <Field id="insights-from" label={t("insights.from")} error={typeof checked === "string" ? t(checked) : insights.error?.reasonFor("from")}>
            <input id="insights-from" type="date" value={fromDay} onChange={(e) => setFromDay(e.target.value)} data-testid="insights-from" />
          </Field>
          <Field id="insights-to" label={t("insights.to")} error={insights.error?.reasonFor("to")}>
            <input id="insights-to" type="date" value={toDay} onChange={(e) => setToDay(e.target.value)} data-testid="insights-to" />
          </Field>
          <button className="btn" type="submit" disabled={typeof checked === "string"} data-testid="insights-apply">
            {t("action.apply")}
          </button>
        </form>
      )}
      {covered && (
        <p className="muted small" data-testid="insights-range">
          {t("insights.range", { from: day(covered.from), to: day(covered.to) })}
        </p>
      )}
      {insights.loading && !insights.data ? (
        <Loading />
      ) : insights.error ? (
        <ErrorState error={insights.error} onRetry={insights.reload} />
      ) : !insights.data ? null : isEmpty(insights.data) ? (
        <section className="card">
          <Empty title={t("insights.none")}>{t("insights.noneHint")}</Empty>
        </section>
      ) : (
        <InsightsView data={insights.data} />
      )}
    </div>
  );
}

function InsightsView({ data }: { data: Insights }) {
  const { t, number, money, locale } = useApp();
  const tot = data.totals;
  const cur = currencies(tot);
  return (
    <>
      <section className="kpis kpis-6" data-testid="insights-kpis">
        <Tile label={t("insights.events")} value={number(tot.events)} testId="kpi-events" />
        <Tile
          label={t("insights.users")}
          value={number(tot.users)}
          foot={t("insights.usersHint", { new: number(tot.new_users), returning: number(tot.returning_users) })}
          testId="kpi-users"
        />
        <Tile label={t("insights.sessions")} value={number(tot.sessions)} foot={t("insights.sessionsHint")} testId="kpi-sessions" />
        <Tile label={t("insights.orders")} value={number(tot.orders)} testId="kpi-orders" />
        <Tile
          label={t("insights.revenue")}
          value={cur.length ? money(tot.revenue[cur[0]], cur[0]) : "—"}
          foot={cur.length > 1 ? cur.slice(1).map((c) => money(tot.revenue[c], c)).join(" · ") : cur.length ? "" : t("insights.noRevenue")}
          testId="kpi-revenue"
        />
        <Tile
          label={t("insights.conversion")}
          value={formatRate(tot.user_conversion_rate, locale)}
          foot={t("insights.conversionHint", { sessions: formatRate(tot.conversion_rate, locale) })}
          testId="kpi-conversion"
        />
      </section>
      <section className="card">
        <h2>{t("insights.revenueOrders")}</h2>
        <RevenueChart data={data} currencies={cur} />
      </section>
      <div className="grid-2">
        <FunnelCard data={data} />
        <section className="card">
          <h2>{t("insights.newReturning")}</h2>
          <NewReturningChart data={data} />
        </section>
      </div>
      <div className="grid-2">
        <TopTable
          title={t("insights.topPages")}
          testId="top-pages"
          head={[t("insights.col.page"), t("insights.col.views")]}
          rows={data.top_pages.map((p) => ({
            key: p.page,
            cells: [<span className="ellipsis" title={p.page}>{p.page_name ? <>{p.page_name} <span className="muted mono small">{p.page}</span></> : <span className="mono">{p.page}</span>}</span>, number(p.views)],
          }))}
        />
        <TopTable
          title={t("insights.topProducts")}
          testId="top-products"
          head={[t("insights.col.product"), t("insights.col.views"), t("insights.col.cartAdds")]}
          rows={data.top_products.map((p) => ({
            key: p.product_id,
            cells: [p.name ? <>{p.name} <span className="muted mono small">{p.product_id}</span></> : <span className="mono">{p.product_id}</span>, number(p.views), number(p.cart_adds)],
          }))}
        />
        <TopTable
          title={t("insights.topSearches")}
          testId="top-searches"
          head={[t("insights.col.query"), t("insights.col.searches")]}
          rows={data.top_searches.map((s) => ({ key: s.query, cells: [s.query, number(s.searches)] }))}
        />
        <ActiveUsers data={data} />
      </div>
    </>
  );
}

function Tile({ label, value, foot, testId }: { label: string; value: string; foot?: string; testId: string }) {
  return (
    <div className="kpi card">
      <div className="kpi-label">{label}</div>
      <div className="kpi-value" data-testid={testId}>{value}</div>
      {foot && <div className="kpi-foot muted">{foot}</div>}
    </div>
  );
}

function RevenueChart({ data, currencies: cur }: { data: Insights; currencies: string[] }) {
  const { t } = useApp();
  const day = useDay();
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 52, right: 44, top: 36, bottom: 28 },
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: [t("insights.orders"), ...cur] },
      xAxis: { type: "category", data: data.daily.map((d) => day(d.date)) },
      yAxis: [
        { type: "value", name: t("insights.revenue"), nameTextStyle: { align: "left" } },
        { type: "value", name: t("insights.orders"), minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        ...cur.map((c, i) => ({
          name: c,
          type: "bar",
          data: revenueSeries(data.daily, c),
          itemStyle: { color: PALETTE[i % PALETTE.length], borderRadius: [3, 3, 0, 0] },
        })),
        {
          name: t("insights.orders"),
          type: "line",
          yAxisIndex: 1,
          data: data.daily.map((d) => d.orders),
          showSymbol: false,
          lineStyle: { width: 2.5, color: "#f76707" },
          itemStyle: { color: "#f76707" },
        },
      ],
      animation: false,
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, cur.join(","), t],
  );
  return <div data-testid="revenue-chart"><Chart option={option} label={t("insights.revenueOrders")} /></div>;
}

function NewReturningChart({ data }: { data: Insights }) {
  const { t } = useApp();
  const day = useDay();
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 44, right: 16, top: 36, bottom: 28 },
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: [t("insights.new"), t("insights.returning")] },
      xAxis: { type: "category", data: data.daily.map((d) => day(d.date)) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: t("insights.new"), type: "bar", stack: "users", data: data.daily.map((d) => d.new_users), itemStyle: { color: "#12b886" } },
        { name: t("insights.returning"), type: "bar", stack: "users", data: data.daily.map((d) => d.returning_users), itemStyle: { color: "#4c6ef5" } },
      ],
      animation: false,
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, t],
  );
  return <div data-testid="new-returning-chart"><Chart option={option} height={240} label={t("insights.newReturning")} /></div>;
}

function FunnelCard({ data }: { data: Insights }) {
  const { t, number, locale } = useApp();
  const [by, setBy] = useState<"per_user" | "per_session">("per_user");
  const steps: FunnelStep[] = data.funnel[by];
  const max = Math.max(1, ...steps.map((s) => s.count));
  return (
    <section className="card" data-testid="funnel">
      <div className="section-head">
        <h2>{t("insights.funnel")}</h2>
        <div className="segmented" role="group" aria-label={t("insights.funnel")}>
          {(["per_user", "per_session"] as const).map((b) => (
            <button key={b} className={by === b ? "on" : ""} aria-pressed={by === b} data-testid={`funnel-${b}`} onClick={() => setBy(b)}>
              {t(b === "per_user" ? "insights.funnelPerUser" : "insights.funnelPerSession")}
            </button>
          ))}
        </div>
      </div>
      <ol className="bars funnel-steps">
        {steps.map((s) => (
          <li key={s.step} data-testid={`funnel-${s.step}`}>
            <div className="bar-label">
              <span>{t(`insights.step.${s.step}` as const)}</span>
              <span className="bar-value">
                {number(s.count)}
                {s.conversion_from_previous !== undefined && (
                  <span className="muted small" data-testid={`funnel-${s.step}-rate`}>
                    {" · "}
                    {t("insights.ofPrevious", { rate: formatRate(s.conversion_from_previous, locale) })}
                  </span>
                )}
              </span>
            </div>
            <div className="bar-track"><div className="bar-fill" style={{ width: `${(100 * s.count) / max}%` }} /></div>
          </li>
        ))}
      </ol>
      <p className="muted small">{t("insights.funnelHint")}</p>
    </section>
  );
}

function TopTable({ title, head, rows, testId }: { title: string; head: string[]; rows: { key: string; cells: ReactNode[] }[]; testId: string }) {
  const { t } = useApp();
  return (
    <section className="card">
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <Empty title={t("insights.noRows")} />
      ) : (
        <div className="table-wrap">
          <table className="table table-compact" data-testid={testId}>
            <thead>
              <tr>{head.map((h, i) => <th key={h} className={i > 0 ? "num" : undefined}>{h}</th>)}</tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  {r.cells.map((c, i) => <td key={i} className={i > 0 ? "num" : undefined}>{c}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ActiveUsers({ data }: { data: Insights }) {
  const { t, number, me } = useApp();
  const canOpen = may(me?.role, "users");
  return (
    <TopTable
      title={t("insights.activeUsers")}
      testId="active-users"
      head={[t("insights.col.user"), t("insights.col.events"), t("insights.col.purchases")]}
      rows={data.most_active_users.map((u) => ({
        key: u.user_key,
        cells: [
          canOpen ? <Link to={`/users/${encodeURIComponent(u.user_key)}`} className="mono">{u.user_key}</Link> : <span className="mono">{u.user_key}</span>,
          number(u.events),
          number(u.purchases),
        ],
      }))}
    />
  );
}
