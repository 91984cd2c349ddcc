import { useState, type FormEvent } from "react";
import { Field } from "../components/Field";
import { Empty, ErrorState, Loading } from "../components/States";
import { useApp } from "../context";
import { api, ApiError } from "../lib/api";
import type { MessageKey } from "../lib/i18n";
import { useFetch } from "../lib/useFetch";
import { hasErrors, validateKey, validateRateLimit, type KeyField, type RateLimitField } from "../lib/validate";
import { AdminNav } from "./AdminNav";
import { rememberKey } from "./SendEvent";

interface Key { id: string; name: string; scope: string; prefix: string; rate_limit_per_second?: number; rate_limit_burst?: number; created_at: string; revoked_at?: string }
interface Limit { events_per_second: number; burst: number }
interface RateLimits { default_limit: Limit; applies_within_seconds: number }

export function KeysPage() {
  const { t, dateTime, number } = useApp();
  const keys = useFetch("keys", (signal) => api.get<{ items: Key[] }>("/api/v1/keys", { signal }));
  const limits = useFetch("rate-limits", (signal) => api.get<RateLimits>("/api/v1/admin/rate-limits", { signal }));
  const [error, setError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState<string | null>(null);

  async function revoke(k: Key) {
    if (!window.confirm(t("keys.confirmRevoke", { name: k.name }))) return;
    try {
      await api.delete(`/api/v1/keys/${k.id}`);
      keys.reload();
    } catch (e) {
      setError(e as ApiError);
    }
  }

  return (
    <div className="page">
      <div className="page-head"><div><h1>{t("admin.title")}</h1><p className="muted">{t("keys.subtitle")}</p></div></div>
      <AdminNav />
      <div className="grid-2 grid-wide-left">
        <section className="card">
          <h2>{t("admin.keys")}</h2>
          {error && <div className="alert alert-error server-message">{error.message}</div>}
          {keys.loading && !keys.data ? (
            <Loading />
          ) : keys.error ? (
            <ErrorState error={keys.error} onRetry={keys.reload} />
          ) : !keys.data || keys.data.items.length === 0 ? (
            <Empty title={t("keys.none")} />
          ) : (
            <div className="table-wrap">
              {limits.data && (
                <p className="muted small" data-testid="default-rate">
                  {t("keys.defaultRate", { n: number(limits.data.default_limit.events_per_second), burst: number(limits.data.default_limit.burst), s: limits.data.applies_within_seconds })}
                </p>
              )}
              <table className="table" data-testid="keys-table">
                <thead><tr><th>{t("keys.name")}</th><th>{t("keys.scope")}</th><th>{t("keys.prefix")}</th><th className="hide-sm">{t("admin.created")}</th><th /></tr></thead>
                <tbody>
                  {keys.data.items.map((k) => (
                    <tr key={k.id} className={k.revoked_at ? "row-muted" : ""} data-key-name={k.name}>
                      <td>
                        {k.name}
                        <div className="muted small" data-testid={`rate-${k.name}`}>
                          {k.rate_limit_per_second
                            ? k.rate_limit_burst
                              ? t("keys.rateOwn", { n: number(k.rate_limit_per_second), burst: number(k.rate_limit_burst) })
                              : t("keys.rateOwnDerived", { n: number(k.rate_limit_per_second) })
                            : limits.data && t("keys.rateDefault", { n: number(limits.data.default_limit.events_per_second) })}
                          {!k.revoked_at && editing !== k.id && (
                            <button type="button" className="link-button small" onClick={() => setEditing(k.id)} data-testid={`edit-rate-${k.name}`}>{t("keys.editRate")}</button>
                          )}
                        </div>
                        {editing === k.id && (
                          <RateLimitForm keyId={k.id} current={k} onDone={() => { setEditing(null); keys.reload(); }} />
                        )}
                      </td>
                      <td><span className={`badge badge-${k.scope}`}>{t(`role.${k.scope}` as MessageKey)}</span></td>
                      <td className="mono">{k.prefix}…</td>
                      <td className="hide-sm">{dateTime(k.created_at)}</td>
                      <td className="num">
                        {k.revoked_at ? (
                          <span className="badge badge-bad" title={dateTime(k.revoked_at)}>{t("keys.revoked")}</span>
                        ) : (
                          <button className="btn btn-small btn-danger" onClick={() => revoke(k)} data-testid={`revoke-${k.name}`}>{t("keys.revoke")}</button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <NewKeyForm onCreated={keys.reload} />
      </div>
    </div>
  );
}

function NewKeyForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useApp();
  const [form, setForm] = useState({ name: "", scope: "ingest", rate: "" });
  const [touched, setTouched] = useState<Partial<Record<KeyField, boolean>>>({});
  const [server, setServer] = useState<ApiError | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string; scope: string } | null>(null);
  const errors = validateKey(form);
  const show = (f: KeyField) => (touched[f] && errors[f] ? t(errors[f] as MessageKey) : undefined) ?? server?.reasonFor(f);
  const set = (f: "name" | "scope" | "rate", v: string) => {
    setForm({ ...form, [f]: v });
    setTouched({ ...touched, [f === "rate" ? "rate_limit_per_second" : f]: true });
    setServer(null);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched({ name: true, scope: true, rate_limit_per_second: true });
    if (hasErrors(errors)) return;
    try {
      const body: Record<string, unknown> = { name: form.name, scope: form.scope };
      if (form.rate.trim()) body.rate_limit_per_second = Number(form.rate);
      const created = await api.post<{ key: Key; secret: string }>("/api/v1/keys", body);
      setSecret({ name: created.key.name, secret: created.secret, scope: created.key.scope });
      if (created.key.scope === "ingest") rememberKey(created.secret);
      setForm({ name: "", scope: form.scope, rate: "" });
      setTouched({});
      onCreated();
    } catch (err) {
      setServer(err as ApiError);
    }
  }

  return (
    <form className="card form" onSubmit={submit} noValidate data-testid="new-key">
      <h2>{t("keys.new")}</h2>
      {secret && (
        <div className="secret" role="status" data-testid="new-secret">
          <strong>{t("keys.secretOnce", { name: secret.name })}</strong>
          <code className="secret-value" data-testid="secret-value">{secret.secret}</code>
          <div className="row">
            <button type="button" className="btn btn-small" onClick={() => navigator.clipboard?.writeText(secret.secret)}>{t("action.copy")}</button>
            <button type="button" className="btn btn-small btn-quiet" onClick={() => setSecret(null)}>{t("keys.stored")}</button>
          </div>
        </div>
      )}
      <Field id="key-name" label={t("keys.name")} error={show("name")}>
        <input id="key-name" value={form.name} onChange={(e) => set("name", e.target.value)} placeholder={t("keys.namePlaceholder")} />
      </Field>
      <Field id="key-scope" label={t("keys.scope")} error={show("scope")} hint={t(`keys.scopeHint.${form.scope}` as MessageKey)}>
        <select id="key-scope" value={form.scope} onChange={(e) => set("scope", e.target.value)}>
          {(["ingest", "viewer", "analyst", "admin"] as const).map((s) => <option key={s} value={s}>{t(`role.${s}`)}</option>)}
        </select>
      </Field>
      <Field id="key-rate" label={t("keys.rateLabel")} error={show("rate_limit_per_second")} hint={t("keys.rateHint")}>
        <input id="key-rate" inputMode="decimal" value={form.rate} onChange={(e) => set("rate", e.target.value)} />
      </Field>
      {server && !["name", "scope", "rate_limit_per_second"].some((f) => server.reasonFor(f)) && (
        <div className="alert alert-error server-message" role="alert">{server.message}</div>
      )}
      <button className="btn btn-primary" type="submit" data-testid="create-key">{t("keys.create")}</button>
    </form>
  );
}

/** A key's own rate limit: checked as you type, the server's field errors shown the same way. */
function RateLimitForm({ keyId, current, onDone }: { keyId: string; current: Key; onDone: () => void }) {
  const { t } = useApp();
  const [form, setForm] = useState({ rate: current.rate_limit_per_second?.toString() ?? "", burst: current.rate_limit_burst?.toString() ?? "" });
  const [touched, setTouched] = useState<Partial<Record<RateLimitField, boolean>>>({});
  const [server, setServer] = useState<ApiError | null>(null);
  const errors = validateRateLimit(form);
  const show = (f: RateLimitField) => (touched[f] && errors[f] ? t(errors[f] as MessageKey) : undefined) ?? server?.reasonFor(f);
  const set = (f: "rate" | "burst", v: string) => {
    setForm({ ...form, [f]: v });
    setTouched({ ...touched, [f === "rate" ? "events_per_second" : "burst"]: true });
    setServer(null);
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    setTouched({ events_per_second: true, burst: true });
    if (hasErrors(errors)) return;
    try {
      const body: Record<string, number> = { events_per_second: Number(form.rate) };
      if (form.burst.trim()) body.burst = Number(form.burst);
      await api.put(`/api/v1/keys/${keyId}/rate-limit`, body);
      onDone();
    } catch (err) {
      setServer(err as ApiError);
    }
  }

  async function reset() {
    try {
      await api.delete(`/api/v1/keys/${keyId}/rate-limit`);
      onDone();
    } catch (err) {
      setServer(err as ApiError);
    }
  }

  return (
    <form className="rate-form" onSubmit={save} noValidate data-testid="rate-form">
      <Field id={`rate-${keyId}`} label={t("keys.eventsPerSecond")} error={show("events_per_second")}>
        <input id={`rate-${keyId}`} inputMode="decimal" value={form.rate} onChange={(e) => set("rate", e.target.value)} data-testid="rate-input" />
      </Field>
      <Field id={`burst-${keyId}`} label={t("keys.burst")} error={show("burst")}>
        <input id={`burst-${keyId}`} inputMode="decimal" value={form.burst} onChange={(e) => set("burst", e.target.value)} placeholder={t("keys.burstAuto")} data-testid="burst-input" />
      </Field>
      <button className="btn btn-small btn-primary" type="submit" data-testid="save-rate">{t("keys.saveRate")}</button>
      {current.rate_limit_per_second != null && (
        <button className="btn btn-small" type="button" onClick={reset} data-testid="reset-rate">{t("keys.resetRate")}</button>
      )}
      <button className="btn btn-small btn-quiet" type="button" onClick={onDone}>{t("keys.cancel")}</button>
      {server && !server.reasonFor("events_per_second") && !server.reasonFor("burst") && (
        <div className="alert alert-error server-message" role="alert">{server.message}</div>
      )}
    </form>
  );
}
