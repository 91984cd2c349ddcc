import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Field } from "../components/Field";
import { Empty, ErrorState, Loading } from "../components/States";
import { useApp } from "../context";
import { api, ApiError } from "../lib/api";
import type { MessageKey } from "../lib/i18n";
import { KINDS, type ImportKind } from "../lib/imports";
import { may } from "../lib/roles";
import {
  emptySource,
  formOf,
  isRunning,
  locationOf,
  runProgress,
  scheduleWords,
  sourceBody,
  SOURCE_FIELDS,
  toggledBody,
  validateSource,
  type RunPage,
  type Source,
  type SourceField,
  type SourceForm,
  type SourceRun,
} from "../lib/sources";
import { useFetch } from "../lib/useFetch";
import { hasErrors } from "../lib/validate";
import { DataNav } from "./DataNav";

export function SourcesPage() {
  const { t, me } = useApp();
  const admin = may(me?.role, "admin");
  const sources = useFetch("sources", (signal) => api.get<{ items: Source[] }>("/api/v1/sources", { signal }));
  const [editing, setEditing] = useState<Source | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [round, setRound] = useState(0);

  async function change(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      sources.reload();
    } catch (e) {
      setError(e as ApiError);
    }
  }
  const toggle = (s: Source) => change(() => api.put(`/api/v1/sources/${s.id}`, toggledBody(s)));
  const runNow = (s: Source) =>
    change(async () => {
      await api.post(`/api/v1/sources/${s.id}/run`, {});
      setSelected(s.id);
      setRound((r) => r + 1);
    });
  const remove = (s: Source) => {
    if (!window.confirm(t("sources.confirmDelete", { name: s.name }))) return;
    if (editing?.id === s.id) setEditing(null);
    if (selected === s.id) setSelected(null);
    change(() => api.delete(`/api/v1/sources/${s.id}`));
  };
  const chosen = sources.data?.items.find((s) => s.id === selected) ?? null;

  return (
    <div className="page">
      <div className="page-head">
        <div><h1>{t("sources.title")}</h1><p className="muted">{t("sources.subtitle")}</p></div>
        {!admin && <span className="badge badge-muted" data-testid="sources-read-only">{t("rules.readOnly")}</span>}
      </div>
      <DataNav />
      <div className={admin ? "grid-2 grid-wide-left" : ""}>
        <section className="card" data-testid="sources-list">
          <h2>{t("sources.title")}</h2>
          {error && <div className="alert alert-error server-message" role="alert">{error.message}</div>}
          {sources.loading && !sources.data ? (
            <Loading />
          ) : sources.error ? (
            <ErrorState error={sources.error} onRetry={sources.reload} />
          ) : !sources.data || sources.data.items.length === 0 ? (
            <Empty title={t("sources.none")}>{admin && t("sources.noneHint")}</Empty>
          ) : (
            <SourceTable
              items={sources.data.items}
              admin={admin}
              onSelect={(s) => setSelected(s.id)}
              onToggle={toggle}
              onRun={runNow}
              onEdit={setEditing}
              onDelete={remove}
            />
          )}
        </section>
        {admin && (
          <SourceEditor
            key={editing ? `${editing.id}:${editing.updated_at}` : "new"}
            source={editing}
            onSaved={(s) => {
              setEditing(null);
              setSelected(s.id);
              sources.reload();
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </div>
      {chosen && <RunHistory key={`${chosen.id}:${round}`} source={chosen} onEnded={sources.reload} />}
    </div>
  );
}

function SourceTable(props: {
  items: Source[];
  admin: boolean;
  onSelect: (s: Source) => void;
  onToggle: (s: Source) => void;
  onRun: (s: Source) => void;
  onEdit: (s: Source) => void;
  onDelete: (s: Source) => void;
}) {
  const { t, dateTime } = useApp();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="sources-table">
        <thead>
          <tr>
            <th>{t("sources.col.name")}</th>
            <th className="hide-sm">{t("sources.col.schedule")}</th>
            <th>{t("sources.col.lastRun")}</th>
            <th>{t("rules.col.enabled")}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((s) => {
            const words = scheduleWords(s);
            return (
              <tr key={s.id} className={s.enabled ? "" : "row-muted"} data-source-name={s.name}>
                <td>
                  <button className="link" onClick={() => props.onSelect(s)} data-testid={`history-${s.name}`}><strong>{s.name}</strong></button>
                  <div className="muted small">{t(`imports.kind.${s.kind}` as MessageKey)} · <span className="mono break">{locationOf(s)}</span>{s.auth_header_set && ` · ${t("sources.authSet")}`}</div>
                  {props.admin && (
                    <div className="row source-actions">
                      <button className="btn btn-small btn-primary" disabled={s.running} onClick={() => props.onRun(s)} data-testid={`run-${s.name}`}>
                        {s.running ? t("sources.running") : t("sources.runNow")}
                      </button>
                      <button className="btn btn-small" onClick={() => props.onEdit(s)} data-testid={`edit-${s.name}`}>{t("rules.edit")}</button>
                      <button className="btn btn-small btn-danger" onClick={() => props.onDelete(s)} data-testid={`delete-${s.name}`}>{t("rules.delete")}</button>
                    </div>
                  )}
                </td>
                <td className="hide-sm">
                  {t(words.key, words.values)}
                  {s.next_run_at && <div className="muted small">{t("sources.next", { time: dateTime(s.next_run_at) })}</div>}
                </td>
                <td>
                  {s.last_run ? (
                    <>
                      <RunBadge run={s.last_run} />
                      <div className="muted small">{dateTime(s.last_run.started_at)}</div>
                    </>
                  ) : (
                    <span className="muted">{t("sources.never")}</span>
                  )}
                </td>
                <td>
                  {props.admin ? (
                    <button
                      type="button"
                      role="switch"
                      aria-checked={s.enabled}
                      className={`switch${s.enabled ? " on" : ""}`}
                      onClick={() => props.onToggle(s)}
                      data-testid={`toggle-${s.name}`}
                    >
                      <span className="switch-knob" aria-hidden />
                      <span className="switch-label">{t(s.enabled ? "rules.enabled" : "rules.disabled")}</span>
                    </button>
                  ) : (
                    <span className={`badge ${s.enabled ? "badge-good" : ""}`}>{t(s.enabled ? "rules.enabled" : "rules.disabled")}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function SourceEditor({ source, onSaved, onCancel }: { source: Source | null; onSaved: (s: Source) => void; onCancel: () => void }) {
  const { t } = useApp();
  const [form, setForm] = useState<SourceForm>(source ? formOf(source) : emptySource);
  const [touched, setTouched] = useState<Partial<Record<SourceField, boolean>>>({});
  const [server, setServer] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = validateSource(form);
  const show = (f: SourceField) => (touched[f] && errors[f] ? t(errors[f] as MessageKey) : undefined) ?? server?.reasonFor(f);
  const set = <K extends keyof SourceForm>(f: K, v: SourceForm[K]) => {
    setForm({ ...form, [f]: v });
    if ((SOURCE_FIELDS as string[]).includes(f)) setTouched({ ...touched, [f]: true });
    setServer(null);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(Object.fromEntries(SOURCE_FIELDS.map((f) => [f, true])));
    if (hasErrors(errors)) return;
    setBusy(true);
    try {
      const body = sourceBody(form);
      const saved = source ? await api.put<Source>(`/api/v1/sources/${source.id}`, body) : await api.post<Source>("/api/v1/sources", body);
      if (!source) {
        setForm(emptySource);
        setTouched({});
      }
      onSaved(saved);
    } catch (err) {
      setServer(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  const text = (f: "name" | "url" | "path" | "interval_minutes" | "daily_at", extra: Record<string, string> = {}) => (
    <input id={`source-${f}`} value={form[f]} onChange={(e) => set(f, e.target.value)} aria-invalid={!!show(f)} {...extra} />
  );

  return (
    <form className="card form" onSubmit={submit} noValidate data-testid="source-form">
      <h2>{source ? t("sources.editing", { name: source.name }) : t("sources.new")}</h2>
      <Field id="source-name" label={t("sources.f.name")} error={show("name")}>{text("name")}</Field>
      <Field id="source-kind" label={t("imports.kind")} error={show("kind")}>
        <select id="source-kind" value={form.kind} onChange={(e) => set("kind", e.target.value as ImportKind)}>
          {KINDS.map((k) => <option key={k} value={k}>{t(`imports.kind.${k}`)}</option>)}
        </select>
      </Field>
      <fieldset className="choice">
        <legend>{t("sources.f.location")}</legend>
        <label className="check"><input type="radio" name="source-location" id="source-location-url" checked={form.location === "url"} onChange={() => set("location", "url")} />{t("sources.f.fromUrl")}</label>
        <label className="check"><input type="radio" name="source-location" id="source-location-path" checked={form.location === "path"} onChange={() => set("location", "path")} />{t("sources.f.fromPath")}</label>
      </fieldset>
      {form.location === "url" ? (
        <>
          <Field id="source-url" label={t("sources.f.url")} error={show("url")} hint={t("sources.f.urlHint")}>{text("url", { placeholder: "https://" })}</Field>
          <Field id="source-auth_header" label={t("sources.f.authHeader")} error={show("auth_header")} hint={source?.auth_header_set ? t("sources.f.authHeaderKept") : t("sources.f.authHeaderHint")}>
            <input id="source-auth_header" type="password" autoComplete="off" value={form.auth_header} disabled={form.clearAuth} onChange={(e) => set("auth_header", e.target.value)} aria-invalid={!!show("auth_header")} />
          </Field>
          {source?.auth_header_set && (
            <label className="check"><input type="checkbox" id="source-clear-auth" checked={form.clearAuth} onChange={(e) => set("clearAuth", e.target.checked)} />{t("sources.f.clearAuth")}</label>
          )}
        </>
      ) : (
        <Field id="source-path" label={t("sources.f.path")} error={show("path")} hint={t("sources.f.pathHint")}>{text("path", { placeholder: "/var/lib/waymark/inbox" })}</Field>
      )}
      <fieldset className="choice">
        <legend>{t("sources.f.schedule")}</legend>
        <label className="check"><input type="radio" name="source-schedule" id="source-schedule-interval" checked={form.schedule === "interval"} onChange={() => set("schedule", "interval")} />{t("sources.f.every")}</label>
        <label className="check"><input type="radio" name="source-schedule" id="source-schedule-daily" checked={form.schedule === "daily"} onChange={() => set("schedule", "daily")} />{t("sources.f.daily")}</label>
      </fieldset>
      {form.schedule === "interval" ? (
        <Field id="source-interval_minutes" label={t("sources.f.interval")} error={show("interval_minutes")} hint={t("sources.f.intervalHint")}>{text("interval_minutes", { inputMode: "numeric" })}</Field>
      ) : (
        <Field id="source-daily_at" label={t("sources.f.dailyAt")} error={show("daily_at")} hint={t("sources.f.dailyAtHint")}>{text("daily_at", { placeholder: "10:00" })}</Field>
      )}
      <label className="check">
        <input type="checkbox" id="source-enabled" checked={form.enabled} onChange={(e) => set("enabled", e.target.checked)} />
        {t("sources.f.enabled")}
      </label>
      {server && !SOURCE_FIELDS.some((f) => server.reasonFor(f)) && (
        <div className="alert alert-error server-message" role="alert">{server.message}</div>
      )}
      <div className="row">
        <button className="btn btn-primary" type="submit" disabled={busy} data-testid="save-source">{source ? t("rules.save") : t("sources.create")}</button>
        {source && <button type="button" className="btn btn-quiet" onClick={onCancel}>{t("rules.cancel")}</button>}
      </div>
    </form>
  );
}

function RunHistory({ source, onEnded }: { source: Source; onEnded: () => void }) {
  const { t, number, dateTime } = useApp();
  const [page, setPage] = useState<RunPage | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [older, setOlder] = useState<SourceRun[]>([]);
  const load = useCallback(
    () =>
      api
        .get<RunPage>(`/api/v1/sources/${source.id}/runs?limit=10`)
        .then((p) => {
          setPage(p);
          setError(null);
          return p;
        })
        .catch((e: ApiError) => {
          setError(e);
          return null;
        }),
    [source.id],
  );
  useEffect(() => {
    load();
  }, [load]);
  // While the newest run moves, follow it once a second; stop (and refresh the list) when it ends.
  const running = isRunning(page?.items[0]);
  useEffect(() => {
    if (!running) return;
    const id = window.setInterval(() => {
      load().then((p) => p && !isRunning(p.items[0]) && onEnded());
    }, 1000);
    return () => window.clearInterval(id);
  }, [running, load, onEnded]);
  const more = () => {
    const token = older.length ? undefined : page?.next_page_token;
    if (!token) return;
    api.get<RunPage>(`/api/v1/sources/${source.id}/runs?limit=50&page_token=${encodeURIComponent(token)}`).then((p) => setOlder(p.items));
  };
  const runs = [...(page?.items ?? []), ...older];
  const latest = page?.items[0];

  return (
    <section className="card" data-testid="source-runs">
      <h2>{t("sources.history", { name: source.name })}</h2>
      {error ? (
        <ErrorState error={error} onRetry={load} />
      ) : !page ? (
        <Loading />
      ) : runs.length === 0 ? (
        <Empty title={t("sources.noRuns")} />
      ) : (
        <>
          {latest && <RunCard run={latest} />}
          <div className="table-wrap">
            <table className="table table-compact" data-testid="runs-table">
              <thead>
                <tr>
                  <th>{t("imports.started")}</th><th>{t("imports.statusLabel")}</th><th className="hide-sm">{t("sources.by")}</th>
                  <th>{t("imports.rowsRead")}</th><th>{t("imports.accepted")}</th><th>{t("imports.quarantined")}</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id} data-testid="run-row" data-status={r.status}>
                    <td>{dateTime(r.started_at)}</td>
                    <td><RunBadge run={r} />{r.error && <div className="small muted">{r.error}</div>}</td>
                    <td className="hide-sm">{r.triggered_by === "schedule" ? t("sources.bySchedule") : r.triggered_by}</td>
                    <td>{number(r.rows_read)}</td><td>{number(r.rows_accepted)}</td><td>{number(r.rows_quarantined)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {page.next_page_token && older.length === 0 && <button className="btn btn-small" onClick={more}>{t("sources.olderRuns")}</button>}
        </>
      )}
    </section>
  );
}

function RunCard({ run }: { run: SourceRun }) {
  const { t, number, dateTime } = useApp();
  const pct = runProgress(run);
  return (
    <div className="run-card" data-testid="source-run" data-status={run.status}>
      <div className="bar-label"><span><RunBadge run={run} /> {dateTime(run.started_at)}</span><span className="bar-value">{number(pct)} %</span></div>
      <div className="bar-track" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
        <div className="bar-fill" style={{ width: `${pct}%` }} />
      </div>
      <dl className="details">
        <div><dt>{t("imports.rowsRead")}</dt><dd data-testid="run-read">{number(run.rows_read)}</dd></div>
        <div><dt>{t("imports.accepted")}</dt><dd data-testid="run-accepted">{number(run.rows_accepted)}</dd></div>
        <div><dt>{t("imports.quarantined")}</dt><dd data-testid="run-quarantined">{number(run.rows_quarantined)}</dd></div>
        <div><dt>{t("sources.files")}</dt><dd>{number(run.files)}</dd></div>
        <div><dt>{t("imports.bytes")}</dt><dd>{number(run.bytes_read)} / {number(run.bytes)}</dd></div>
        {run.finished_at && <div><dt>{t("imports.finished")}</dt><dd>{dateTime(run.finished_at)}</dd></div>}
      </dl>
      {run.error && <div className="alert alert-error server-message" role="alert" data-testid="run-error">{run.error}</div>}
      {run.rows_quarantined > 0 && (
        <p className="muted">
          {run.imports.filter((i) => i.quarantine_source).map((i) => t("imports.quarantineHint", { source: i.quarantine_source ?? "" })).join(" ")}
        </p>
      )}
    </div>
  );
}

function RunBadge({ run }: { run: SourceRun }) {
  const { t } = useApp();
  const tone = run.status === "completed" ? "badge-good" : run.status === "failed" ? "badge-bad" : "";
  return <span className={`badge ${tone}`} data-testid="run-status">{t(`sources.status.${run.status}`)}</span>;
}
