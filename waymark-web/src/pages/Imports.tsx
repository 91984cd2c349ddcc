import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Field } from "../components/Field";
import { Empty, ErrorState, Loading } from "../components/States";
import { useApp } from "../context";
import { api, ApiError } from "../lib/api";
import { isActive, KINDS, kindFor, progressOf, uploadPath, type ImportJob, type ImportKind, type ImportPage } from "../lib/imports";
import { DataNav } from "./DataNav";

export function ImportsPage() {
  const { t } = useApp();
  const [current, setCurrent] = useState<ImportJob | null>(null);
  const [list, setList] = useState<ImportJob[] | null>(null);
  const [next, setNext] = useState<string | undefined>();
  const [listError, setListError] = useState<ApiError | null>(null);

  const loadList = useCallback(() => {
    api
      .get<ImportPage>("/api/v1/imports?limit=20")
      .then((p) => {
        setList(p.items);
        setNext(p.next_page_token);
        setListError(null);
      })
      .catch((e: ApiError) => setListError(e));
  }, []);
  useEffect(loadList, [loadList]);

  const older = () =>
    next &&
    api.get<ImportPage>(`/api/v1/imports?limit=20&page_token=${encodeURIComponent(next)}`).then((p) => {
      setList([...(list ?? []), ...p.items]);
      setNext(p.next_page_token);
    });

  // Follow the job shown while it moves: one request a second, stopped when it ends.
  const activeId = current && isActive(current) ? current.id : null;
  useEffect(() => {
    if (!activeId) return;
    const id = window.setInterval(() => {
      api.get<ImportJob>(`/api/v1/imports/${activeId}`).then((j) => {
        setCurrent(j);
        if (!isActive(j)) loadList();
      });
    }, 1000);
    return () => window.clearInterval(id);
  }, [activeId, loadList]);

  return (
    <div className="page">
      <div className="page-head"><div><h1>{t("imports.title")}</h1><p className="muted">{t("imports.subtitle")}</p></div></div>
      <DataNav />
      <div className="grid-2 imports-top">
        <UploadForm onStarted={(j) => { setCurrent(j); loadList(); }} />
        {current && <JobCard job={current} />}
      </div>
      <section className="card" data-testid="imports-list">
        <h2>{t("imports.past")}</h2>
        {listError ? (
          <ErrorState error={listError} onRetry={loadList} />
        ) : !list ? (
          <Loading />
        ) : list.length === 0 ? (
          <Empty title={t("imports.none")} />
        ) : (
          <JobTable jobs={list} onSelect={setCurrent} />
        )}
        {next && <button className="btn btn-small" onClick={older}>{t("imports.older")}</button>}
      </section>
    </div>
  );
}

function UploadForm({ onStarted }: { onStarted: (job: ImportJob) => void }) {
  const { t } = useApp();
  const [kind, setKind] = useState<ImportKind>("clickstream");
  const [file, setFile] = useState<File | null>(null);
  const [server, setServer] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const fileError = touched && !file ? t("imports.chooseFile") : server?.reasonFor("body");

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!file) return;
    setBusy(true);
    setServer(null);
    try {
      onStarted(await api.upload<ImportJob>(uploadPath(kind, file.name), file));
    } catch (err) {
      setServer(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" onSubmit={submit} noValidate data-testid="import-form">
      <h2>{t("imports.new")}</h2>
      <Field id="import-file" label={t("imports.file")} error={fileError} hint={t("imports.fileHint")}>
        <input
          id="import-file"
          type="file"
          accept=".json,.ndjson,.csv,application/json,text/csv"
          onChange={(e) => {
            const f = e.target.files?.[0] ?? null;
            setFile(f);
            setServer(null);
            const guess = f && kindFor(f.name);
            if (guess) setKind(guess);
          }}
        />
      </Field>
      <Field id="import-kind" label={t("imports.kind")} error={server?.reasonFor("kind")}>
        <select id="import-kind" value={kind} onChange={(e) => setKind(e.target.value as ImportKind)}>
          {KINDS.map((k) => <option key={k} value={k}>{t(`imports.kind.${k}`)}</option>)}
        </select>
      </Field>
      {server && !server.reasonFor("body") && !server.reasonFor("kind") && (
        <div className="alert alert-error server-message" role="alert">{server.message}</div>
      )}
      <button className="btn btn-primary" type="submit" disabled={busy} data-testid="import-submit">
        {busy ? t("imports.uploading") : t("imports.upload")}
      </button>
    </form>
  );
}

function JobCard({ job }: { job: ImportJob }) {
  const { t, number, dateTime } = useApp();
  const pct = progressOf(job);
  return (
    <section className="card" data-testid="import-job" data-status={job.status}>
      <div className="component-head">
        <h2>{job.file_name}</h2>
        <StatusBadge job={job} />
      </div>
      <div className="bar-label"><span>{t(`imports.kind.${job.kind}`)}</span><span className="bar-value">{number(pct)} %</span></div>
      <div className="bar-track" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
        <div className="bar-fill" style={{ width: `${pct}%` }} />
      </div>
      <dl className="details">
        <div><dt>{t("imports.rowsRead")}</dt><dd data-testid="job-read">{number(job.rows_read)}</dd></div>
        <div><dt>{t("imports.accepted")}</dt><dd data-testid="job-accepted">{number(job.rows_accepted)}</dd></div>
        <div><dt>{t("imports.quarantined")}</dt><dd data-testid="job-quarantined">{number(job.rows_quarantined)}</dd></div>
        <div><dt>{t("imports.bytes")}</dt><dd>{number(job.bytes_read)} / {number(job.bytes)}</dd></div>
        {job.rows_per_second != null && <div><dt>{t("imports.rate")}</dt><dd>{number(job.rows_per_second)}</dd></div>}
        {job.started_at && <div><dt>{t("imports.started")}</dt><dd>{dateTime(job.started_at)}</dd></div>}
        {job.finished_at && <div><dt>{t("imports.finished")}</dt><dd>{dateTime(job.finished_at)}</dd></div>}
      </dl>
      {job.failure && <div className="alert alert-error server-message" role="alert" data-testid="job-failure">{job.failure}</div>}
      {job.errors && job.errors.length > 0 && (
        <div className="table-wrap">
          <h3>{t("imports.firstErrors")}</h3>
          <table className="table table-compact" data-testid="job-errors">
            <thead><tr><th>{t("imports.row")}</th><th>{t("imports.field")}</th><th>{t("imports.reason")}</th></tr></thead>
            <tbody>
              {job.errors.map((e, i) => (
                <tr key={i}><td>{number(e.row)}</td><td className="mono">{e.field}</td><td>{e.reason}</td></tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t("imports.quarantineHint", { source: job.quarantine_source })}</p>
        </div>
      )}
    </section>
  );
}

function StatusBadge({ job }: { job: ImportJob }) {
  const { t } = useApp();
  const tone = job.status === "completed" ? "badge-good" : job.status === "failed" ? "badge-bad" : "";
  return <span className={`badge ${tone}`} data-testid="job-status">{t(`imports.status.${job.status}`)}</span>;
}

function JobTable({ jobs, onSelect }: { jobs: ImportJob[]; onSelect: (j: ImportJob) => void }) {
  const { t, number, dateTime } = useApp();
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th>{t("imports.created")}</th><th>{t("imports.file")}</th><th>{t("imports.kind")}</th><th>{t("imports.statusLabel")}</th>
            <th>{t("imports.rowsRead")}</th><th>{t("imports.accepted")}</th><th>{t("imports.quarantined")}</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((j) => (
            <tr key={j.id} data-testid="import-row">
              <td>{dateTime(j.created_at)}</td>
              <td><button className="link" onClick={() => api.get<ImportJob>(`/api/v1/imports/${j.id}`).then(onSelect)}>{j.file_name}</button></td>
              <td>{t(`imports.kind.${j.kind}`)}</td>
              <td><StatusBadge job={j} /></td>
              <td>{number(j.rows_read)}</td><td>{number(j.rows_accepted)}</td><td>{number(j.rows_quarantined)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
