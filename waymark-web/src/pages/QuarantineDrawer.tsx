import { useEffect, useState } from "react";
import { Link } from "react-router";
import { Field } from "../components/Field";
import { ErrorState, Loading } from "../components/States";
import { useApp } from "../context";
import { api, ApiError } from "../lib/api";
import type { MessageKey } from "../lib/i18n";
import { isNdjson, payloadProblem, prettyPayload, type DecisionResult, type QuarantineItem } from "../lib/quarantine";
import { useFetch } from "../lib/useFetch";
import { ReviewBadge } from "./Quarantine";

/** One item: what was refused and why, its history, and (for admins) correct-and-replay or discard. */
export function QuarantineDrawer({ id, admin, onClose, onDecided }: { id: string; admin: boolean; onClose: () => void; onDecided: () => void }) {
  const { t, dateTime } = useApp();
  const [round, setRound] = useState(0);
  const item = useFetch(`quarantine-item:${id}:${round}`, (signal) => api.get<QuarantineItem>(`/api/v1/quarantine/${id}`, { signal }));
  useEffect(() => {
    const esc = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", esc);
    return () => window.removeEventListener("keydown", esc);
  }, [onClose]);
  const decided = () => {
    setRound((r) => r + 1);
    onDecided();
  };
  const q = item.data;
  return (
    <div className="drawer-backdrop" onClick={onClose}>
      <aside className="drawer" role="dialog" aria-modal="true" aria-label={t("q.detail")} onClick={(e) => e.stopPropagation()} data-testid="quarantine-drawer">
        <div className="drawer-head">
          <h2>{t("q.detail")}</h2>
          <button className="btn btn-small btn-quiet" onClick={onClose} aria-label={t("q.close")} data-testid="close-drawer">×</button>
        </div>
        {item.loading && !q ? (
          <Loading />
        ) : item.error ? (
          <ErrorState error={item.error} onRetry={item.reload} />
        ) : q ? (
          <>
            <dl className="meta">
              <dt>{t("q.col.status")}</dt><dd><ReviewBadge status={q.review_status} /></dd>
              <dt>{t("q.col.received")}</dt><dd>{dateTime(q.received_at)}</dd>
              <dt>{t("q.col.source")}</dt><dd className="mono small">{q.source}{q.index != null && ` [${q.index}]`}</dd>
              <dt>{t("q.httpStatus")}</dt><dd>{q.status}</dd>
              {q.key_id && (<><dt>{t("q.key")}</dt><dd className="mono small">{q.key_id}</dd></>)}
              {q.user_key && (<><dt>{t("q.col.user")}</dt><dd>{q.user_key}</dd></>)}
            </dl>
            <h3>{t("q.errors")}</h3>
            <ul className="problems" data-testid="item-errors">
              {q.errors.map((e, i) => <li key={i}><code>{e.field}</code> {e.reason}</li>)}
            </ul>
            <h3>{t("q.payload")}{q.payload_truncated && <span className="badge badge-muted">{t("q.truncated")}</span>}</h3>
            <pre className="payload" data-testid="item-payload">{isNdjson(q) ? q.payload : prettyPayload(q.payload)}</pre>
            {q.decision && (
              <p className="note" data-testid="item-decision">
                {t(q.review_status === "replayed" ? "q.replayedBy" : "q.discardedBy", { who: q.decision.by, time: dateTime(q.decision.at) })}
                {q.decision.reason && <> — {q.decision.reason}</>}
                {q.decision.event_ids && q.user_key && (
                  <> · <Link to={`/users/${encodeURIComponent(q.user_key)}`}>{t("q.seeEvents")}</Link></>
                )}
              </p>
            )}
            {q.review_status === "open" && (admin ? <Review item={q} onDecided={decided} /> : <p className="note" data-testid="review-not-allowed">{t("q.onlyAdmins")}</p>)}
            {q.history && q.history.length > 0 && (
              <>
                <h3>{t("q.history")}</h3>
                <ol className="history" data-testid="item-history">
                  {q.history.map((a, i) => (
                    <li key={i}>
                      <strong>{t(`q.action.${a.action}` as MessageKey)}</strong> · {a.by} · {dateTime(a.at)}
                      {a.reason && <div className="muted small">{a.reason}</div>}
                    </li>
                  ))}
                </ol>
              </>
            )}
          </>
        ) : null}
      </aside>
    </div>
  );
}

function Review({ item, onDecided }: { item: QuarantineItem; onDecided: () => void }) {
  const { t } = useApp();
  const ndjson = isNdjson(item);
  const [text, setText] = useState(() => (ndjson ? item.payload : prettyPayload(item.payload)));
  const [edited, setEdited] = useState(false);
  const [reason, setReason] = useState("");
  const [server, setServer] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const problem = payloadProblem(text, ndjson);
  const problemText = problem
    ? problem.message === "empty"
      ? t("q.json.empty")
      : problem.message === "object"
        ? t("q.json.object")
        : t("q.json.invalid", { where: problem.line ? t("q.json.line", { n: problem.line }) : "", message: problem.message })
    : undefined;

  async function replay() {
    setBusy(true);
    setServer(null);
    try {
      await api.post<DecisionResult>(`/api/v1/quarantine/${item.id}/replay`, edited ? { payload: text } : undefined);
      onDecided();
    } catch (e) {
      setServer(e as ApiError);
    } finally {
      setBusy(false);
    }
  }

  async function discard() {
    if (!reason.trim()) {
      setServer(new ApiError(400, t("q.reasonRequired"), [{ field: "reason", reason: t("q.reasonRequired") }]));
      return;
    }
    setBusy(true);
    setServer(null);
    try {
      await api.post<DecisionResult>(`/api/v1/quarantine/${item.id}/discard`, { reason: reason.trim() });
      onDecided();
    } catch (e) {
      setServer(e as ApiError);
    } finally {
      setBusy(false);
    }
  }

  const fieldErrors = server && server.status === 422 ? server.problems : [];
  return (
    <div className="review" data-testid="review">
      {item.replayable ? (
        <>
          <Field id="q-editor" label={t("q.editor")} error={problemText} hint={t("q.editorHint")}>
            <textarea id="q-editor" className="mono editor" rows={8} spellCheck={false} value={text}
              onChange={(e) => { setText(e.target.value); setEdited(true); setServer(null); }} data-testid="payload-editor" />
          </Field>
          {fieldErrors.length > 0 && (
            <div className="alert alert-error" role="alert" data-testid="replay-errors">
              <strong>{t("q.stillInvalid")}</strong>
              <ul className="problems">{fieldErrors.map((p, i) => <li key={i}><code>{p.field}</code> {p.reason}</li>)}</ul>
            </div>
          )}
          <button className="btn btn-primary" disabled={busy || !!problem} onClick={replay} data-testid="replay">
            {edited ? t("q.replayCorrected") : t("q.replay")}
          </button>
        </>
      ) : (
        <p className="note" data-testid="not-replayable">{t("q.notReplayable")}</p>
      )}
      <div className="discard-row">
        <Field id="q-reason" label={t("q.discardReason")} error={server?.reasonFor("reason")}>
          <input id="q-reason" value={reason} onChange={(e) => { setReason(e.target.value); setServer(null); }} data-testid="discard-reason" />
        </Field>
        <button className="btn btn-danger" disabled={busy} onClick={discard} data-testid="discard">{t("q.discard")}</button>
      </div>
      {server && server.status !== 422 && !server.reasonFor("reason") && (
        <div className="alert alert-error server-message" role="alert" data-testid="review-error">
          {server.status === 403 ? t("q.forbidden") : server.message}
        </div>
      )}
    </div>
  );
}
