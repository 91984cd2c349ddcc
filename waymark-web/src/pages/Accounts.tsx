import { useState, type FormEvent } from "react";
import { Field } from "../components/Field";
import { Empty, ErrorState, Loading } from "../components/States";
import { useApp } from "../context";
import { api, ApiError } from "../lib/api";
import type { MessageKey } from "../lib/i18n";
import { useFetch } from "../lib/useFetch";
import { hasErrors, validateAccount, type AccountField } from "../lib/validate";
import { AdminNav } from "./AdminNav";

interface Account { id: string; username: string; role: "viewer" | "analyst" | "admin"; disabled: boolean; created_at: string }

export function AccountsPage() {
  const { t, date, me } = useApp();
  const accounts = useFetch("accounts", (signal) => api.get<{ items: Account[] }>("/api/v1/accounts", { signal }));
  const [rowError, setRowError] = useState<ApiError | null>(null);

  async function change(a: Account, body: Partial<Pick<Account, "role" | "disabled">>) {
    setRowError(null);
    try {
      await api.patch(`/api/v1/accounts/${a.id}`, body);
      accounts.reload();
    } catch (e) {
      setRowError(e as ApiError);
    }
  }

  return (
    <div className="page">
      <div className="page-head"><div><h1>{t("admin.title")}</h1><p className="muted">{t("admin.accountsSubtitle")}</p></div></div>
      <AdminNav />
      <div className="grid-2 grid-wide-left">
        <section className="card">
          <h2>{t("admin.accounts")}</h2>
          {rowError && <div className="alert alert-error server-message" role="alert" data-testid="account-row-error">{rowError.message}</div>}
          {accounts.loading && !accounts.data ? (
            <Loading />
          ) : accounts.error ? (
            <ErrorState error={accounts.error} onRetry={accounts.reload} />
          ) : !accounts.data || accounts.data.items.length === 0 ? (
            <Empty title={t("admin.noAccounts")} />
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="accounts-table">
                <thead><tr><th>{t("login.username")}</th><th>{t("admin.role")}</th><th>{t("admin.status")}</th><th className="hide-sm">{t("admin.created")}</th></tr></thead>
                <tbody>
                  {accounts.data.items.map((a) => (
                    <tr key={a.id} data-username={a.username}>
                      <td>{a.username}{a.username === me?.username && <span className="badge badge-muted">{t("admin.you")}</span>}</td>
                      <td>
                        <select value={a.role} aria-label={t("admin.role")} data-testid={`role-${a.username}`} onChange={(e) => change(a, { role: e.target.value as Account["role"] })}>
                          {(["viewer", "analyst", "admin"] as const).map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
                        </select>
                      </td>
                      <td>
                        <button className={`btn btn-small ${a.disabled ? "" : "btn-quiet"}`} data-testid={`toggle-${a.username}`} onClick={() => change(a, { disabled: !a.disabled })}>
                          {a.disabled ? t("admin.enable") : t("admin.disable")}
                        </button>{" "}
                        <span className={`badge ${a.disabled ? "badge-bad" : "badge-good"}`}>{a.disabled ? t("admin.disabled") : t("admin.enabled")}</span>
                      </td>
                      <td className="hide-sm">{date(a.created_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <NewAccountForm onCreated={accounts.reload} />
      </div>
    </div>
  );
}

function NewAccountForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useApp();
  const [form, setForm] = useState({ username: "", password: "", role: "viewer" });
  const [touched, setTouched] = useState<Partial<Record<AccountField, boolean>>>({});
  const [server, setServer] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = validateAccount(form);
  const show = (f: AccountField) => (touched[f] ? (errors[f] ? t(errors[f] as MessageKey) : undefined) : undefined) ?? server?.reasonFor(f);
  const set = (f: AccountField, v: string) => {
    setForm({ ...form, [f]: v });
    setTouched({ ...touched, [f]: true });
    setServer(null);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched({ username: true, password: true, role: true });
    if (hasErrors(errors)) return;
    setBusy(true);
    try {
      await api.post("/api/v1/accounts", form);
      setCreated(form.username);
      setForm({ username: "", password: "", role: form.role });
      setTouched({});
      onCreated();
    } catch (err) {
      setServer(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" onSubmit={submit} noValidate data-testid="new-account">
      <h2>{t("admin.newAccount")}</h2>
      <Field id="new-username" label={t("login.username")} error={show("username")}>
        <input id="new-username" value={form.username} onChange={(e) => set("username", e.target.value)} autoComplete="off" />
      </Field>
      <Field id="new-password" label={t("login.password")} error={show("password")} hint={t("rule.password")}>
        <input id="new-password" type="password" value={form.password} onChange={(e) => set("password", e.target.value)} autoComplete="new-password" />
      </Field>
      <Field id="new-role" label={t("admin.role")} error={show("role")}>
        <select id="new-role" value={form.role} onChange={(e) => set("role", e.target.value)}>
          {(["viewer", "analyst", "admin"] as const).map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
        </select>
      </Field>
      {server && server.problems.every((p) => !["username", "password", "role"].includes(p.field)) && (
        <div className="alert alert-error server-message" role="alert">{server.message}</div>
      )}
      {created && <div className="alert alert-good" data-testid="account-created">{t("admin.accountCreated", { name: created })}</div>}
      <button className="btn btn-primary" type="submit" disabled={busy} data-testid="create-account">{t("admin.create")}</button>
    </form>
  );
}
