import { Link } from "react-router";
import { useApp } from "../context";
import { severityLabel, severityOf, type Alert } from "../lib/alerts";
import { may } from "../lib/roles";
import type { StreamState } from "../lib/useAlertStream";

/** A user id, linking to the user's page for those who may open it. */
export function UserLink({ id }: { id: string }) {
  const { me } = useApp();
  if (!may(me?.role, "users")) return <span className="mono">{id}</span>;
  return <Link to={`/users/${encodeURIComponent(id)}`} className="mono">{id}</Link>;
}

export function SeverityBadge({ severity }: { severity: string }) {
  const { t } = useApp();
  const s = severityOf(severity);
  return <span className={`sev sev-${s}`} data-severity={s}>{t(severityLabel(s))}</span>;
}

export function StatusBadge({ status }: { status: Alert["status"] }) {
  const { t } = useApp();
  return <span className={`badge ${status === "open" ? "badge-open" : "badge-good"}`} data-testid="alert-status">{t(status === "open" ? "status.open" : "status.acknowledged")}</span>;
}

export function StreamStatus({ state }: { state: StreamState }) {
  const { t } = useApp();
  return (
    <span className="status-line" data-testid="alert-stream" data-stream={state}>
      <span className={`dot ${state === "open" ? "dot-ok" : "dot-warn"}`} aria-hidden />
      <span className="muted">{t(state === "open" ? "alerts.stream.open" : state === "lost" ? "alerts.stream.lost" : "alerts.stream.connecting")}</span>
    </span>
  );
}

/** A short list of alerts (Live page, a user's page): each links to the alert and to its user. */
export function AlertFeed({ alerts, fresh, showUser = true }: { alerts: Alert[]; fresh?: Set<string>; showUser?: boolean }) {
  const { t, dateTime } = useApp();
  return (
    <ul className="feed" data-testid="alert-feed">
      {alerts.map((a) => (
        <li key={a.id} className={`feed-item${fresh?.has(a.id) ? " is-new" : ""}`} data-alert-id={a.id}>
          <SeverityBadge severity={a.severity} />
          <div className="feed-body">
            <Link to={`/alerts/${a.id}`} className="feed-message">{a.message}</Link>
            <div className="muted small">
              {showUser && (
                <>
                  <UserLink id={a.user_id} /> ·{" "}
                </>
              )}
              {dateTime(a.detected_at)}
              {a.status === "acknowledged" && <> · {t("status.acknowledged")}</>}
              {fresh?.has(a.id) && <span className="badge badge-new">{t("alerts.new")}</span>}
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
