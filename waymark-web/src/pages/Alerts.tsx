import { useEffect, useMemo, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { SeverityBadge, StatusBadge, StreamStatus, UserLink } from "../components/AlertBits";
import { Field } from "../components/Field";
import { Empty, ErrorState, Loading } from "../components/States";
import { useApp } from "../context";
import { api } from "../lib/api";
import {
  alertsQuery,
  filterFrom,
  matches,
  mergeAlerts,
  SEVERITIES,
  severityLabel,
  type AlertFilter,
  type AlertPage,
  type Rule,
} from "../lib/alerts";
import { may } from "../lib/roles";
import { useAlertStream } from "../lib/useAlertStream";
import { useFetch } from "../lib/useFetch";
import { AlertsNav } from "./AlertsNav";

const PAGE_SIZE = 25;

export function AlertsPage() {
  const { t, me, dateTime } = useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const filterKey = alertsQuery(filter, PAGE_SIZE);
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  useEffect(() => setTokens([undefined]), [filterKey]);
  const token = tokens[tokens.length - 1];
  const stream = useAlertStream();

  const page = useFetch(`alerts:${filterKey}:${token ?? ""}:${stream.reconnects}`, (signal) =>
    api.get<AlertPage>(`/api/v1/alerts${alertsQuery(filter, PAGE_SIZE, token)}`, { signal }),
  );
  const rules = useFetch(may(me?.role, "alertRules") ? "alert-rules" : null, (signal) =>
    api.get<{ items: Rule[] }>("/api/v1/alert-rules", { signal }),
  );

  // Pushed alerts join the first page only: later pages hold older alerts.
  const firstPage = tokens.length === 1;
  const fresh = useMemo(() => new Set(stream.alerts.map((a) => a.id)), [stream.alerts]);
  const shown = useMemo(() => {
    const listed = page.data?.items ?? [];
    return firstPage ? mergeAlerts(stream.alerts.filter((a) => matches(a, filter)), listed) : listed;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [page.data, stream.alerts, firstPage, filterKey]);
  const filtered = filter.status || filter.min_severity || filter.rule_id || filter.user_id;

  const set = (k: keyof AlertFilter, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t("alerts.title")}</h1>
          <p className="muted">{t("alerts.subtitle")}</p>
        </div>
        <StreamStatus state={stream.state} />
      </div>
      <AlertsNav />
      <form className="card filters" onSubmit={(e) => e.preventDefault()} data-testid="alert-filters">
        <Field id="f-status" label={t("alerts.filter.status")}>
          <select id="f-status" value={filter.status} onChange={(e) => set("status", e.target.value)}>
            <option value="">{t("alerts.filter.anyStatus")}</option>
            <option value="open">{t("status.open")}</option>
            <option value="acknowledged">{t("status.acknowledged")}</option>
          </select>
        </Field>
        <Field id="f-severity" label={t("alerts.filter.minSeverity")}>
          <select id="f-severity" value={filter.min_severity} onChange={(e) => set("min_severity", e.target.value)}>
            <option value="">{t("alerts.filter.anySeverity")}</option>
            {SEVERITIES.map((s) => <option key={s} value={s}>{t(severityLabel(s))}</option>)}
          </select>
        </Field>
        {rules.data && (
          <Field id="f-rule" label={t("alerts.filter.rule")}>
            <select id="f-rule" value={filter.rule_id} onChange={(e) => set("rule_id", e.target.value)}>
              <option value="">{t("alerts.filter.anyRule")}</option>
              {rules.data.items.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
            </select>
          </Field>
        )}
        <UserFilter value={filter.user_id} onChange={(v) => set("user_id", v)} />
        {filtered && (
          <button type="button" className="btn btn-quiet" onClick={() => setParams(new URLSearchParams(), { replace: true })} data-testid="clear-filters">
            {t("alerts.clear")}
          </button>
        )}
      </form>

      <section className="card">
        {page.loading && !page.data ? (
          <Loading />
        ) : page.error ? (
          <ErrorState error={page.error} onRetry={page.reload} />
        ) : shown.length === 0 ? (
          filtered ? <Empty title={t("alerts.noMatch")} /> : <Empty title={t("alerts.none")}>{t("alerts.noneHint")}</Empty>
        ) : (
          <>
            <div className="table-wrap">
              <table className="table alerts-table" data-testid="alerts-table">
                <thead>
                  <tr>
                    <th>{t("alerts.col.severity")}</th>
                    <th>{t("alerts.col.message")}</th>
                    <th>{t("alerts.col.user")}</th>
                    <th className="hide-sm">{t("alerts.col.detected")}</th>
                    <th>{t("alerts.col.status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((a) => (
                    <tr
                      key={a.id}
                      className={`row-link${fresh.has(a.id) ? " is-new" : ""}`}
                      data-alert-id={a.id}
                      onClick={(e) => {
                        if (!(e.target as HTMLElement).closest("a")) navigate(`/alerts/${a.id}`);
                      }}
                    >
                      <td><SeverityBadge severity={a.severity} /></td>
                      <td>
                        <div className="muted small">{a.rule_name}{fresh.has(a.id) && <span className="badge badge-new">{t("alerts.new")}</span>}</div>
                        <Link to={`/alerts/${a.id}`} data-testid="alert-link">{a.message}</Link>
                        <div className="muted small show-sm">{dateTime(a.detected_at)}</div>
                      </td>
                      <td><UserLink id={a.user_id} /></td>
                      <td className="nowrap hide-sm">{dateTime(a.detected_at)}</td>
                      <td><StatusBadge status={a.status} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {(tokens.length > 1 || page.data?.next_page_token) && (
            <div className="pager">
              <button className="btn btn-small" disabled={tokens.length <= 1} onClick={() => setTokens(tokens.slice(0, -1))}>← {t("pager.newer")}</button>
              <button className="btn btn-small" disabled={!page.data?.next_page_token} onClick={() => setTokens([...tokens, page.data?.next_page_token])} data-testid="older-alerts">{t("pager.older")} →</button>
            </div>
            )}
          </>
        )}
      </section>
    </div>
  );
}

/** The user filter applies when typing pauses, not at every key. */
function UserFilter({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useApp();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text.trim() === value) return;
    const id = window.setTimeout(() => onChange(text.trim()), 350);
    return () => window.clearTimeout(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);
  return (
    <Field id="f-user" label={t("alerts.filter.user")}>
      <input id="f-user" value={text} onChange={(e) => setText(e.target.value)} placeholder={t("alerts.filter.userPlaceholder")} />
    </Field>
  );
}
