import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { SeverityBadge, StatusBadge, UserLink } from "../components/AlertBits";
import { Field } from "../components/Field";
import { Empty, ErrorState, Loading } from "../components/States";
import { useApp } from "../context";
import { api, ApiError } from "../lib/api";
import { isoSeconds, type Alert, type AlertDetail } from "../lib/alerts";
import { may } from "../lib/roles";
import { useFetch } from "../lib/useFetch";

export function AlertDetailPage() {
  const { id = "" } = useParams();
  const { t, dateTime, time, number, duration, money } = useApp();
  const detail = useFetch(`alert:${id}`, (signal) => api.get<AlertDetail>(`/api/v1/alerts/${encodeURIComponent(id)}`, { signal }));
  const [acked, setAcked] = useState<Alert | null>(null);
  const a = acked ?? detail.data?.alert;
  const windowLength = isoSeconds(a?.evidence.window);

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <div className="crumbs"><Link to="/alerts">{t("nav.alerts")}</Link> /</div>
          <h1 data-testid="alert-title">{a ? a.rule_name : t("nav.alerts")}</h1>
          {a && <p className="alert-message" data-testid="alert-message">{a.message}</p>}
        </div>
        {a && (
          <div className="row">
            <SeverityBadge severity={a.severity} />
            <StatusBadge status={a.status} />
          </div>
        )}
      </div>
      {detail.loading ? (
        <Loading />
      ) : detail.error ? (
        <ErrorState error={detail.error} onRetry={detail.reload} />
      ) : !a || !detail.data ? null : (
        <>
          <section className="kpis kpis-4" data-testid="alert-evidence">
            <div className="kpi card"><div className="kpi-label">{t("alert.observed")}</div><div className="kpi-value" data-testid="alert-observed">{number(a.evidence.observed)}</div><div className="kpi-foot muted">{a.evidence.event_type ?? t("rules.anyEvent")}</div></div>
            <div className="kpi card"><div className="kpi-label">{t("alert.threshold")}</div><div className="kpi-value" data-testid="alert-threshold">{number(a.evidence.threshold)}</div></div>
            <div className="kpi card">
              <div className="kpi-label">{t("alert.window")}</div>
              <div className="kpi-text" data-testid="alert-window">{dateTime(a.evidence.window_start)} → {time(a.evidence.window_end)}</div>
              {windowLength !== null && <div className="kpi-foot muted">{duration(windowLength)}</div>}
            </div>
            <div className="kpi card">
              <div className="kpi-label">{t("alerts.col.user")}</div>
              <div className="kpi-text" data-testid="alert-user"><UserLink id={a.user_id} /></div>
              <div className="kpi-foot muted">{t("alert.detected")}: {dateTime(a.detected_at)}</div>
            </div>
          </section>
          <div className="grid-2 grid-wide-left">
            <section className="card">
              <h2>{t("alert.events")}</h2>
              {detail.data.events.length === 0 ? (
                <Empty title={t("alert.noEvents")}>{t("alert.eventsHint")}</Empty>
              ) : (
                <div className="table-wrap">
                  <table className="table table-compact" data-testid="alert-events">
                    <thead><tr><th>{t("user.at")}</th><th>{t("user.type")}</th><th>{t("user.detail")}</th></tr></thead>
                    <tbody>
                      {detail.data.events.map((e) => (
                        <tr key={e.event_id} className={e.event_id === a.evidence.trigger_event_id ? "row-trigger" : ""}>
                          <td className="nowrap">{time(e.timestamp)}</td>
                          <td><span className="badge badge-type">{e.type}</span></td>
                          <td className="mono ellipsis">
                            {e.page_url ?? e.product_id ?? e.order_id ?? ""}
                            {e.amount !== undefined && e.currency && ` · ${money(e.amount, e.currency)}`}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <p className="muted small">{t("alert.triggered")}: {dateTime(a.triggered_at)}</p>
            </section>
            <Acknowledge alert={a} onDone={setAcked} />
          </div>
        </>
      )}
    </div>
  );
}

function Acknowledge({ alert, onDone }: { alert: Alert; onDone: (a: Alert) => void }) {
  const { t, me, dateTime } = useApp();
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const tooLong = note.length > 1000;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (tooLong) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await api.post<Alert>(`/api/v1/alerts/${alert.id}/acknowledge`, note.trim() ? { note: note.trim() } : {}));
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  if (alert.status === "acknowledged") {
    return (
      <section className="card" data-testid="acknowledged">
        <h2>{t("status.acknowledged")}</h2>
        <p>{t("alert.acked", { who: alert.acknowledged_by ?? "?", time: alert.acknowledged_at ? dateTime(alert.acknowledged_at) : "" })}</p>
        {alert.note && <blockquote className="note" data-testid="ack-note">{alert.note}</blockquote>}
      </section>
    );
  }
  if (!may(me?.role, "acknowledge")) {
    return (
      <section className="card">
        <h2>{t("status.open")}</h2>
        <p className="muted" data-testid="ack-not-allowed">{t("alert.ackOnlyReaders")}</p>
      </section>
    );
  }
  return (
    <form className="card form" onSubmit={submit} noValidate data-testid="ack-form">
      <h2>{t("alert.ack")}</h2>
      <Field id="ack-note" label={t("alert.note")} error={tooLong ? t("rule.note") : error?.reasonFor("note")} hint={t("alert.ackHint")}>
        <textarea id="ack-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t("alert.notePlaceholder")} />
      </Field>
      {error && !error.reasonFor("note") && <div className="alert alert-error server-message" role="alert">{error.message}</div>}
      <button className="btn btn-primary" type="submit" disabled={busy || tooLong} data-testid="acknowledge">{t("alert.ack")}</button>
    </form>
  );
}
