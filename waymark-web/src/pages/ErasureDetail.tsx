import { useCallback, useEffect, useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import { ErrorState, Loading } from "../components/States";
import { useApp } from "../context";
import { api, ApiError } from "../lib/api";
import { isOpen, placeKey, POLL_MS, summarise, type Erasure, type ErasureReport } from "../lib/privacy";
import { AdminNav } from "./AdminNav";
import { StatusBadge, Subject } from "./Privacy";

/** Asks for the request, and again every second while it is pending or running. */
function useErasure(id: string, initial: Erasure | null) {
  const [state, setState] = useState<{ data: Erasure | null; error: ApiError | null }>({ data: initial, error: null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () =>
      api
        .get<Erasure>(`/api/v1/privacy/erasures/${encodeURIComponent(id)}`, { signal: abort.signal })
        .then((data) => {
          if (abort.signal.aborted) return;
          setState({ data, error: null });
          if (isOpen(data.status)) timer = setTimeout(ask, POLL_MS);
        })
        .catch((e) => {
          if (abort.signal.aborted) return;
          setState((s) => ({ data: s.data, error: e instanceof ApiError ? e : new ApiError(0, String(e)) }));
        });
    ask();
    return () => {
      abort.abort();
      if (timer) clearTimeout(timer);
    };
  }, [id, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}

/** One erasure request: its live progress, then its verification report (or Retry when failed). */
export function ErasureDetailPage() {
  const { id = "" } = useParams();
  const { t, dateTime, number } = useApp();
  const started = useLocation().state as Erasure | null;
  const erasure = useErasure(id, started?.id === id ? started : null);
  const [retryError, setRetryError] = useState<ApiError | null>(null);
  const r = erasure.data;

  async function retry() {
    setRetryError(null);
    try {
      await api.post<Erasure>(`/api/v1/privacy/erasures/${encodeURIComponent(id)}/retry`);
      erasure.reload();
    } catch (e) {
      setRetryError(e as ApiError);
    }
  }

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <div className="crumbs"><Link to="/admin/privacy">{t("admin.privacy")}</Link> /</div>
          <h1>{r ? <>{t("privacy.erasureOf")} <Subject r={r} /></> : t("privacy.erasure")}</h1>
        </div>
      </div>
      <AdminNav />
      {!r && !erasure.error ? (
        <Loading />
      ) : !r && erasure.error ? (
        <ErrorState error={erasure.error} onRetry={erasure.reload} />
      ) : r ? (
        <>
          <section className="card" data-testid="erasure-progress">
            <div className="section-head">
              <h2>{t("privacy.progress")}</h2>
              <span data-testid="erasure-status"><StatusBadge status={r.status} /></span>
            </div>
            {isOpen(r.status) && <p className="muted small" role="status" data-testid="erasure-live"><span className="spinner spinner-inline" aria-hidden /> {t("privacy.live")}</p>}
            {erasure.error && <div className="alert alert-warn server-message" role="alert">{t("privacy.pollFailed", { message: erasure.error.message })}</div>}
            <dl className="kv">
              <dt>{t("privacy.step")}</dt><dd data-testid="erasure-step">{r.step ?? "–"}</dd>
              <dt>{t("privacy.attempts")}</dt><dd data-testid="erasure-attempts">{number(r.attempts)}</dd>
              <dt>{t("privacy.suppressLabel")}</dt><dd>{t(r.suppress ? "privacy.yes" : "privacy.no")}</dd>
              <dt>{t("privacy.col.by")}</dt><dd>{r.requested_by}</dd>
              <dt>{t("privacy.col.requested")}</dt><dd>{dateTime(r.requested_at)}</dd>
              {r.updated_at && <><dt>{t("privacy.updated")}</dt><dd>{dateTime(r.updated_at)}</dd></>}
              {r.finished_at && <><dt>{t("privacy.finished")}</dt><dd>{dateTime(r.finished_at)}</dd></>}
            </dl>
            {r.error && <div className="alert alert-error server-message" role="alert" data-testid="erasure-error">{r.error}</div>}
            {r.status === "failed" && (
              <div className="row">
                <button className="btn btn-primary" onClick={retry} data-testid="retry-erasure">{t("privacy.retry")}</button>
                <span className="muted small">{t("privacy.retryHint")}</span>
              </div>
            )}
            {retryError && <div className="alert alert-error server-message" role="alert">{retryError.message}</div>}
          </section>
          {r.report && <ReportCard report={r.report} />}
        </>
      ) : null}
    </div>
  );
}

function ReportCard({ report }: { report: ErasureReport }) {
  const { t, number } = useApp();
  const s = summarise(report);
  return (
    <section className="card" data-testid="erasure-report">
      <h2>{t("privacy.report")}</h2>
      {s.clean ? (
        <div className="alert alert-good" role="status" data-testid="report-verified">
          <strong>{t("privacy.verified")}</strong> {t("privacy.verifiedHint", { n: number(report.identities) })}
        </div>
      ) : (
        <div className="alert alert-error" role="alert" data-testid="report-not-verified">
          <strong>{t("privacy.notVerified")}</strong>{" "}
          {s.leftIn.length > 0 ? t("privacy.leftIn", { places: s.leftIn.join(", "), n: number(s.remaining) }) : t("privacy.notVerifiedHint")}
        </div>
      )}
      <div className="table-wrap">
        <table className="table report-table" data-testid="report-table">
          <thead>
            <tr>
              <th>{t("privacy.col.place")}</th>
              <th className="num">{t("privacy.col.found")}</th>
              <th className="num">{t("privacy.col.deletedRows")}</th>
              <th className="num">{t("privacy.col.remaining")}</th>
            </tr>
          </thead>
          <tbody>
            {report.holders.map((h) => {
              const key = placeKey(h.name);
              return (
                <tr key={h.name} data-place={h.name} className={h.remaining > 0 ? "row-bad" : ""}>
                  <td>{key ? t(key) : h.name}<div className="muted small mono">{h.name}</div></td>
                  <td className="num">{number(h.found)}</td>
                  <td className="num">{number(h.deleted)}</td>
                  <td className="num"><strong>{number(h.remaining)}</strong></td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th>{t("privacy.total")}</th>
              <th className="num">{number(s.found)}</th>
              <th className="num">{number(s.deleted)}</th>
              <th className="num" data-testid="report-remaining">{number(s.remaining)}</th>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="small">{t(report.suppressed ? "privacy.reportSuppressed" : "privacy.reportNotSuppressed")}</p>
      <h3>{t("privacy.logMechanism")}</h3>
      <p className="small muted" data-testid="report-log">{report.log}</p>
    </section>
  );
}
