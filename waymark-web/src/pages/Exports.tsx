import { useEffect, useState, type FormEvent } from "react";
import { Field } from "../components/Field";
import { Empty, ErrorState, Loading } from "../components/States";
import { useApp } from "../context";
import { api, ApiError } from "../lib/api";
import {
  DATASETS,
  dateProblem,
  emptyExport,
  EXPORT_FIELDS,
  exportBody,
  FORMATS,
  formOf,
  isActive,
  sizeOf,
  toggleDataset,
  totalRows,
  validateExport,
  yesterdayUtc,
  type ExportConfig,
  type ExportField,
  type ExportForm,
  type ExportRun,
  type RunPage,
} from "../lib/exports";
import type { MessageKey } from "../lib/i18n";
import { may } from "../lib/roles";
import { useFetch } from "../lib/useFetch";
import { hasErrors } from "../lib/validate";
import { DataNav } from "./DataNav";

export function ExportsPage() {
  const { t, me } = useApp();
  const admin = may(me?.role, "editExports");
  const list = useFetch("exports", (signal) => api.get<{ items: ExportConfig[] }>("/api/v1/exports", { signal }));
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<ExportConfig | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const chosen = list.data?.items.find((e) => e.id === selected) ?? null;

  return (
    <div className="page">
      <div className="page-head">
        <div><h1>{t("exports.title")}</h1><p className="muted">{t("exports.subtitle")}</p></div>
        {!admin && <span className="badge badge-muted" data-testid="exports-read-only">{t("exports.readOnly")}</span>}
      </div>
      <DataNav />
      {secret && (
        <div className="alert alert-good" role="status" data-testid="export-secret">
          {t("exports.secretOnce", { name: secret.name })} <code className="mono">{secret.secret}</code>
        </div>
      )}
      <div className={admin ? "grid-2 grid-wide-left" : ""}>
        <section className="card" data-testid="exports-list">
          <h2>{t("exports.all")}</h2>
          {list.loading && !list.data ? (
            <Loading />
          ) : list.error ? (
            <ErrorState error={list.error} onRetry={list.reload} />
          ) : !list.data || list.data.items.length === 0 ? (
            <Empty title={t("exports.none")}>{admin ? t("exports.noneHint") : t("exports.noneAsk")}</Empty>
          ) : (
            <ExportTable items={list.data.items} selected={selected} onSelect={setSelected} onEdit={admin ? setEditing : undefined} />
          )}
        </section>
        {admin && (
          <ExportEditor
            key={editing ? `${editing.id}:${editing.updated_at}` : "new"}
            config={editing}
            onSaved={(c) => {
              if (c.webhook_secret) setSecret({ name: c.name, secret: c.webhook_secret });
              setEditing(null);
              setSelected(c.id);
              list.reload();
            }}
            onDeleted={() => {
              setEditing(null);
              setSelected(null);
              list.reload();
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </div>
      {chosen && <RunsPanel key={chosen.id} config={chosen} onRan={list.reload} />}
    </div>
  );
}

function RunBadge({ run }: { run?: ExportRun }) {
  const { t } = useApp();
  if (!run) return <span className="badge badge-muted">{t("exports.never")}</span>;
  const tone = run.status === "succeeded" ? "badge-good" : run.status === "failed" ? "badge-bad" : "";
  return <span className={`badge ${tone}`} data-testid="run-status">{t(`exports.status.${run.status}` as MessageKey)}</span>;
}

function ExportTable(props: {
  items: ExportConfig[];
  selected: string | null;
  onSelect: (id: string) => void;
  onEdit?: (c: ExportConfig) => void;
}) {
  const { t, dateTime } = useApp();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="exports-table">
        <thead>
          <tr>
            <th>{t("exports.col.name")}</th>
            <th className="hide-sm">{t("exports.col.what")}</th>
            <th>{t("exports.col.schedule")}</th>
            <th>{t("exports.col.lastRun")}</th>
            {props.onEdit && <th />}
          </tr>
        </thead>
        <tbody>
          {props.items.map((c) => (
            <tr key={c.id} className={c.enabled ? "" : "row-muted"} data-export-name={c.name} aria-selected={props.selected === c.id}>
              <td>
                <button className="link" onClick={() => props.onSelect(c.id)} data-testid={`open-${c.name}`}><strong>{c.name}</strong></button>
                <div className="muted small">{c.destination === "directory" ? c.directory : c.webhook_url}</div>
              </td>
              <td className="hide-sm">
                {c.datasets.map((d) => t(`exports.dataset.${d}` as MessageKey)).join(", ")}
                <div className="muted small">{c.format.toUpperCase()}</div>
              </td>
              <td>
                {t("exports.dailyAt", { time: c.schedule_time })}
                <div className="muted small">{c.next_run_at ? t("exports.nextRun", { at: dateTime(c.next_run_at) }) : t("exports.disabled")}</div>
              </td>
              <td>
                <RunBadge run={c.last_run} />
                {c.last_run && <div className="muted small">{c.last_run.date}</div>}
              </td>
              {props.onEdit && (
                <td className="num nowrap">
                  <button className="btn btn-small" onClick={() => props.onEdit?.(c)} data-testid={`edit-${c.name}`}>{t("exports.edit")}</button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RunsPanel({ config, onRan }: { config: ExportConfig; onRan: () => void }) {
  const { t, number, dateTime } = useApp();
  const [runs, setRuns] = useState<ExportRun[] | null>(null);
  const [next, setNext] = useState<string | undefined>();
  const [error, setError] = useState<ApiError | null>(null);
  const [round, setRound] = useState(0);
  const base = `/api/v1/exports/${config.id}/runs`;

  useEffect(() => {
    const abort = new AbortController();
    api
      .get<RunPage>(`${base}?limit=10`, { signal: abort.signal })
      .then((p) => {
        setRuns(p.items);
        setNext(p.next_page_token);
        setError(null);
      })
      .catch((e) => !abort.signal.aborted && setError(e as ApiError));
    return () => abort.abort();
  }, [base, round]);

  // While the newest run moves, ask again every second; stop when it ends.
  const moving = isActive(runs?.[0]);
  useEffect(() => {
    if (!moving) return;
    const id = window.setTimeout(() => {
      setRound((r) => r + 1);
      onRan();
    }, 1000);
    return () => window.clearTimeout(id);
  }, [moving, runs, onRan]);

  const older = () =>
    next &&
    api.get<RunPage>(`${base}?limit=10&page_token=${encodeURIComponent(next)}`).then((p) => {
      setRuns([...(runs ?? []), ...p.items]);
      setNext(p.next_page_token);
    });

  return (
    <section className="card" data-testid="export-runs">
      <div className="component-head">
        <h2>{t("exports.runsOf", { name: config.name })}</h2>
        <TriggerForm config={config} onQueued={() => { setRound((r) => r + 1); onRan(); }} />
      </div>
      {error ? (
        <ErrorState error={error} onRetry={() => setRound((r) => r + 1)} />
      ) : !runs ? (
        <Loading />
      ) : runs.length === 0 ? (
        <Empty title={t("exports.noRuns")}>{t("exports.noRunsHint", { time: config.schedule_time })}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="runs-table">
            <thead>
              <tr>
                <th>{t("exports.col.date")}</th><th>{t("exports.col.status")}</th><th className="hide-sm">{t("exports.col.started")}</th>
                <th className="num">{t("exports.col.rows")}</th><th>{t("exports.col.files")}</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id} data-testid="run-row" data-run-status={r.status}>
                  <td>
                    <strong>{r.date}</strong>
                    <div className="muted small">{t(`exports.cause.${r.cause}` as MessageKey)} · {r.requested_by}</div>
                  </td>
                  <td>
                    <RunBadge run={r} />
                    {r.error && <div className="field-error" data-testid="run-error">{r.error}</div>}
                  </td>
                  <td className="hide-sm">
                    {r.started_at ? dateTime(r.started_at) : "—"}
                    {r.duration_ms != null && <div className="muted small">{number(r.duration_ms)} ms</div>}
                  </td>
                  <td className="num">{number(totalRows(r))}</td>
                  <td>
                    {r.files.map((f) => (
                      <div key={f.name} className="small">
                        <a href={f.download} download={f.name} data-testid={`download-${f.name}`}>{f.name}</a>{" "}
                        <span className="muted">{t("exports.fileInfo", { rows: number(f.rows), size: sizeOf(f.bytes) })}</span>
                        {f.delivery === "failed" && <span className="badge badge-bad">{t("exports.notDelivered")}</span>}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && <button className="btn btn-small" onClick={older}>{t("exports.older")}</button>}
    </section>
  );
}

function TriggerForm({ config, onQueued }: { config: ExportConfig; onQueued: () => void }) {
  const { t } = useApp();
  const latest = yesterdayUtc(new Date());
  const [date, setDate] = useState(latest);
  const [server, setServer] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const problem = dateProblem(date, new Date());
  const error = (problem ? t(problem as MessageKey) : undefined) ?? server?.reasonFor("date") ?? server?.message;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (problem) return;
    setBusy(true);
    setServer(null);
    try {
      await api.post(`/api/v1/exports/${config.id}/runs?date=${encodeURIComponent(date)}`);
      onQueued();
    } catch (err) {
      setServer(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="row trigger-form" onSubmit={submit} noValidate data-testid="trigger-form">
      <Field id="trigger-date" label={t("exports.triggerDate")} error={error} hint={t("exports.triggerHint")}>
        <input id="trigger-date" type="date" max={latest} value={date} onChange={(e) => { setDate(e.target.value); setServer(null); }} aria-invalid={!!error} />
      </Field>
      <button className="btn btn-primary" type="submit" disabled={busy || !!problem} data-testid="trigger-run">{t("exports.runNow")}</button>
    </form>
  );
}

function ExportEditor(props: {
  config: ExportConfig | null;
  onSaved: (c: ExportConfig) => void;
  onDeleted: () => void;
  onCancel: () => void;
}) {
  const { t } = useApp();
  const { config } = props;
  const [form, setForm] = useState<ExportForm>(config ? formOf(config) : emptyExport);
  const [touched, setTouched] = useState<Partial<Record<ExportField, boolean>>>({});
  const [server, setServer] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = validateExport(form);
  const show = (f: ExportField) => (touched[f] && errors[f] ? t(errors[f] as MessageKey) : undefined) ?? server?.reasonFor(f);
  const set = <K extends keyof ExportForm>(f: K, v: ExportForm[K]) => {
    setForm({ ...form, [f]: v });
    if (f !== "enabled") setTouched({ ...touched, [f]: true });
    setServer(null);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(Object.fromEntries(EXPORT_FIELDS.map((f) => [f, true])));
    if (hasErrors(errors)) return;
    setBusy(true);
    try {
      const body = exportBody(form);
      const saved = config
        ? await api.put<ExportConfig>(`/api/v1/exports/${config.id}`, body)
        : await api.post<ExportConfig>("/api/v1/exports", body);
      if (!config) {
        setForm(emptyExport);
        setTouched({});
      }
      props.onSaved(saved);
    } catch (err) {
      setServer(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!config || !window.confirm(t("exports.confirmDelete", { name: config.name }))) return;
    try {
      await api.delete(`/api/v1/exports/${config.id}`);
      props.onDeleted();
    } catch (err) {
      setServer(err as ApiError);
    }
  }

  return (
    <form className="card form" onSubmit={submit} noValidate data-testid="export-form">
      <h2>{config ? t("exports.editing", { name: config.name }) : t("exports.new")}</h2>
      <Field id="export-name" label={t("exports.f.name")} error={show("name")} hint={t("exports.f.nameHint")}>
        <input id="export-name" value={form.name} onChange={(e) => set("name", e.target.value)} aria-invalid={!!show("name")} />
      </Field>
      <fieldset className="field" data-testid="export-datasets">
        <legend>{t("exports.f.datasets")}</legend>
        {DATASETS.map((d) => (
          <label key={d} className="check">
            <input type="checkbox" id={`export-dataset-${d}`} checked={form.datasets.includes(d)} onChange={() => set("datasets", toggleDataset(form.datasets, d))} />
            {t(`exports.dataset.${d}` as MessageKey)}
          </label>
        ))}
        {show("datasets") && <div className="field-error" role="alert" data-field-error="export-datasets">{show("datasets")}</div>}
      </fieldset>
      <div className="form-grid">
        <Field id="export-format" label={t("exports.f.format")} error={show("format")}>
          <select id="export-format" value={form.format} onChange={(e) => set("format", e.target.value as ExportForm["format"])}>
            {FORMATS.map((f) => <option key={f} value={f}>{f.toUpperCase()}</option>)}
          </select>
        </Field>
        <Field id="export-schedule_time" label={t("exports.f.scheduleTime")} error={show("schedule_time")} hint={t("exports.f.scheduleHint")}>
          <input id="export-schedule_time" value={form.schedule_time} placeholder="10:00" onChange={(e) => set("schedule_time", e.target.value)} aria-invalid={!!show("schedule_time")} />
        </Field>
      </div>
      <Field id="export-destination" label={t("exports.f.destination")} error={show("destination")}>
        <select id="export-destination" value={form.destination} onChange={(e) => set("destination", e.target.value as ExportForm["destination"])}>
          <option value="directory">{t("exports.dest.directory")}</option>
          <option value="webhook">{t("exports.dest.webhook")}</option>
        </select>
      </Field>
      {form.destination === "directory" ? (
        <Field id="export-directory" label={t("exports.f.directory")} error={show("directory")} hint={t("exports.f.directoryHint")}>
          <input id="export-directory" value={form.directory} placeholder="/srv/exports" onChange={(e) => set("directory", e.target.value)} aria-invalid={!!show("directory")} />
        </Field>
      ) : (
        <Field id="export-webhook_url" label={t("exports.f.webhookUrl")} error={show("webhook_url")} hint={t("exports.f.webhookHint")}>
          <input id="export-webhook_url" value={form.webhook_url} placeholder="https://bi.example.com/waymark" onChange={(e) => set("webhook_url", e.target.value)} aria-invalid={!!show("webhook_url")} />
        </Field>
      )}
      <label className="check">
        <input type="checkbox" id="export-enabled" checked={form.enabled} onChange={(e) => set("enabled", e.target.checked)} />
        {t("exports.f.enabled")}
      </label>
      {server && !EXPORT_FIELDS.some((f) => server.reasonFor(f)) && (
        <div className="alert alert-error server-message" role="alert">{server.message}</div>
      )}
      <div className="row">
        <button className="btn btn-primary" type="submit" disabled={busy} data-testid="save-export">{config ? t("exports.save") : t("exports.create")}</button>
        {config && <button type="button" className="btn btn-danger" onClick={remove} data-testid="delete-export">{t("exports.delete")}</button>}
        {config && <button type="button" className="btn btn-quiet" onClick={props.onCancel}>{t("exports.cancel")}</button>}
      </div>
    </form>
  );
}
