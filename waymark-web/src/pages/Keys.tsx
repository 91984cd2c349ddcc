import { useState, type FormEvent } from "react";
import { Field } from "../components/Field";
import { Empty, ErrorState, Loading } from "../components/States";
import { useApp } from "../context";
import { api, ApiError } from "../lib/api";
import type { MessageKey } from "../lib/i18n";
import { useFetch } from "../lib/useFetch";
import { hasErrors, validateKey, type KeyField } from "../lib/validate";
import { AdminNav } from "./AdminNav";
import { rememberKey } from "./SendEvent";

interface Key { id: string; name: string; scope: string; prefix: string; rate_limit_per_second?: number; created_at: string; revoked_at?: string }

export function KeysPage() {
  const { t, dateTime, number } = useApp();
  const keys = useFetch("keys", (signal) => api.get<{ items: Key[] }>("/api/v1/keys", { signal }));
  const [error, setError] = useState<ApiError | null>(null);

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
              <table className="table" data-testid="keys-table">
                <thead><tr><th>{t("keys.name")}</th><th>{t("keys.scope")}</th><th>{t("keys.prefix")}</th><th className="hide-sm">{t("admin.created")}</th><th /></tr></thead>
                <tbody>
                  {keys.data.items.map((k) => (
                    <tr key={k.id} className={k.revoked_at ? "row-muted" : ""} data-key-name={k.name}>
                      <td>{k.name}{k.rate_limit_per_second && <div className="muted small">{t("keys.rate", { n: number(k.rate_limit_per_second) })}</div>}</td>
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
