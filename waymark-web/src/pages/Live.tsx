import { useEffect, useMemo, useReducer, useState } from "react";
import { Link } from "react-router";
import { Chart, type ChartOption } from "../components/Chart";
import { Empty, ErrorState, Loading } from "../components/States";
import { useApp } from "../context";
import { api, ApiError } from "../lib/api";
import {
  chartData,
  initialLive,
  isStale,
  liveReducer,
  onStreamError,
  pipelineState,
  sessionBuckets,
  type Health,
  type LiveSummary,
} from "../lib/live";
import { loadHealth } from "../lib/system";
import { useFetch } from "../lib/useFetch";
import { AlertFeed } from "../components/AlertBits";
import { mergeAlerts, type AlertPage } from "../lib/alerts";
import { useAlertStream } from "../lib/useAlertStream";

const POLL_MS = 15_000;

/** Pushed summaries (server-sent events, every 2 s), falling back to polling when the push fails. */
function useLiveSummary() {
  const [state, dispatch] = useReducer(liveReducer, initialLive);
  useEffect(() => {
    let closed = false;
    let poll: number | undefined;
    const fetchOnce = () =>
      api
        .get<LiveSummary>("/api/v1/live?top=5")
        .then((s) => !closed && dispatch({ type: "summary", summary: s, at: Date.now(), via: poll ? "poll" : "push" }))
        .catch((e) => !closed && dispatch({ type: "error", message: e instanceof ApiError ? e.message : String(e) }));
    fetchOnce();
    const source = new EventSource("/api/v1/live/stream?top=5");
    let failures = 0;
    source.addEventListener("live", (e) => {
      failures = 0;
      dispatch({ type: "summary", summary: JSON.parse((e as MessageEvent).data), at: Date.now(), via: "push" });
    });
    source.onerror = () => {
      failures++;
      if (onStreamError(source.readyState, failures) === "fallback" && !poll) {
        source.close();
        dispatch({ type: "fallback" });
        poll = window.setInterval(fetchOnce, POLL_MS);
      }
    };
    return () => {
      closed = true;
      source.close();
      if (poll) window.clearInterval(poll);
    };
  }, []);
  return state;
}

function useNow(everyMs: number) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(id);
  }, [everyMs]);
  return now;
}

export function LivePage() {
  const { t, number, time, clock } = useApp();
  const live = useLiveSummary();
  const now = useNow(5_000);
  const [health, setHealth] = useState<Health | null>(null);
  useEffect(() => {
    const load = () =>
      loadHealth()
        .then(setHealth)
        .catch(() => setHealth(null));
    load();
    const id = window.setInterval(load, POLL_MS);
    return () => window.clearInterval(id);
  }, []);

  const s = live.summary;
  useEffect(() => {
    if (s && performance.getEntriesByName("live-data-rendered").length === 0) performance.mark("live-data-rendered");
  }, [s]);

  const option = useMemo<ChartOption | null>(() => {
    if (!s) return null;
    const d = chartData(s, clock);
    return {
      grid: { left: 44, right: 44, top: 36, bottom: 28 },
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: [t("live.events"), t("live.uniqueUsers")] },
      xAxis: { type: "category", data: d.labels, axisTick: { alignWithLabel: true } },
      yAxis: [
        { type: "value", name: t("live.events"), minInterval: 1, nameTextStyle: { align: "left" } },
        { type: "value", name: t("live.uniqueUsers"), minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        { name: t("live.events"), type: "bar", data: d.events, itemStyle: { color: "#4c6ef5", borderRadius: [3, 3, 0, 0] } },
        { name: t("live.uniqueUsers"), type: "line", yAxisIndex: 1, data: d.users, showSymbol: false, lineStyle: { width: 2.5, color: "#f76707" }, itemStyle: { color: "#f76707" } },
      ],
      animation: false,
    };
  }, [s, t, clock]);

  if (!s && live.error) return <ErrorState error={new ApiError(0, live.error)} />;
  if (!s) return <Loading label={t("live.connecting")} />;

  const pipeline = pipelineState(health);
  const stale = isStale(live, now);
  const lastHour = s.per_minute_60m.reduce((a, m) => a + m.events, 0);
  const maxViews = Math.max(1, ...s.top_pages_15m.map((p) => p.views));
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t("live.title")}</h1>
          <p className="muted">{t("live.subtitle")}</p>
        </div>
        <div className="status-line" data-testid="live-status">
          <span className={`dot ${stale ? "dot-warn" : "dot-ok"}`} aria-hidden />
          <span data-testid="live-updated" data-generated-at={s.generated_at}>
            {t("live.updated", { time: time(s.generated_at) })}
          </span>
          <span className="muted">· {live.mode === "poll" ? t("live.polling") : t("live.pushed")}</span>
          <span className={`badge badge-pipeline-${pipeline}`} data-testid="pipeline-state" title={t("live.pipelineHint")}>
            {t(`pipeline.${pipeline}` as const)}
          </span>
        </div>
      </div>
      {stale && <div className="alert alert-warn">{t("live.stale")}</div>}
      {live.error && <div className="alert alert-error">{live.error}</div>}

      <section className="kpis">
        <div className="kpi card">
          <div className="kpi-label">{t("live.activeUsers")}</div>
          <div className="kpi-value" data-testid="active-users">{number(s.active_users_5m)}</div>
          <div className="kpi-foot muted">{t("live.last5")}</div>
        </div>
        <div className="kpi card">
          <div className="kpi-label">{t("live.eventsHour")}</div>
          <div className="kpi-value" data-testid="events-hour">{number(lastHour)}</div>
          <div className="kpi-foot muted">{t("live.last60")}</div>
        </div>
        <div className="kpi card">
          <div className="kpi-label">{t("live.sessionsPerUser")}</div>
          <div className="buckets" data-testid="sessions-per-user">
            {sessionBuckets(s).map((b) => (
              <div key={b.sessions} className="bucket">
                <span className="bucket-value">{number(b.users)}</span>
                <span className="muted small">{t("live.withSessions", { n: b.sessions })}</span>
              </div>
            ))}
          </div>
          <div className="kpi-foot muted">{t("live.last5")}</div>
        </div>
      </section>

      <section className="card">
        <h2>{t("live.perMinute")}</h2>
        {option && <Chart option={option} label={t("live.perMinute")} />}
      </section>

      <div className="grid-2">
        <section className="card">
          <h2>{t("live.topPages")}</h2>
          {s.top_pages_15m.length === 0 ? (
            <Empty title={t("live.noPages")}>{t("live.noPagesHint")}</Empty>
          ) : (
            <ol className="bars" data-testid="top-pages">
              {s.top_pages_15m.map((p) => (
                <li key={p.page}>
                  <div className="bar-label">
                    <span className="mono ellipsis" title={p.page}>{p.page}</span>
                    <span className="bar-value">{number(p.views)}</span>
                  </div>
                  <div className="bar-track"><div className="bar-fill" style={{ width: `${(100 * p.views) / maxViews}%` }} /></div>
                </li>
              ))}
            </ol>
          )}
        </section>
        <RecentAlerts />
      </div>
    </div>
  );
}

/** The latest alerts, and those pushed since the page opened. */
function RecentAlerts() {
  const { t } = useApp();
  const stream = useAlertStream();
  const listed = useFetch(`recent-alerts:${stream.reconnects}`, (signal) => api.get<AlertPage>("/api/v1/alerts?limit=5", { signal }));
  const items = useMemo(() => mergeAlerts(stream.alerts, listed.data?.items ?? []).slice(0, 5), [stream.alerts, listed.data]);
  const fresh = useMemo(() => new Set(stream.alerts.map((a) => a.id)), [stream.alerts]);
  return (
    <section className="card" data-testid="recent-alerts">
      <div className="section-head">
        <h2>{t("live.alerts")}</h2>
        <Link to="/alerts" className="small" data-testid="all-alerts">{t("alerts.all")} →</Link>
      </div>
      {listed.loading && !listed.data ? (
        <Loading />
      ) : listed.error && items.length === 0 ? (
        <ErrorState error={listed.error} onRetry={listed.reload} />
      ) : items.length === 0 ? (
        <Empty title={t("live.noAlerts")}>{t("live.noAlertsHint")}</Empty>
      ) : (
        <AlertFeed alerts={items} fresh={fresh} />
      )}
    </section>
  );
}
