import { useState, type FormEvent } from "react";
import { SeverityBadge } from "../components/AlertBits";
import { Field } from "../components/Field";
import { Empty, ErrorState, Loading } from "../components/States";
import { useApp } from "../context";
import { api, ApiError } from "../lib/api";
import {
  emptyRule,
  formOf,
  ruleBody,
  RULE_KINDS,
  SEVERITIES,
  severityLabel,
  validateRule,
  type Rule,
  type RuleField,
  type RuleForm,
} from "../lib/alerts";
import type { MessageKey } from "../lib/i18n";
import { may } from "../lib/roles";
import { useFetch } from "../lib/useFetch";
import { hasErrors } from "../lib/validate";
import { AlertsNav } from "./AlertsNav";

export function AlertRulesPage() {
  const { t, me } = useApp();
  const admin = may(me?.role, "editRules");
  const rules = useFetch("alert-rules", (signal) => api.get<{ items: Rule[] }>("/api/v1/alert-rules", { signal }));
  const [editing, setEditing] = useState<Rule | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function change(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      rules.reload();
    } catch (e) {
      setError(e as ApiError);
    }
  }
  const toggle = (r: Rule) => change(() => api.patch(`/api/v1/alert-rules/${r.id}`, { enabled: !r.enabled }));
  const remove = (r: Rule) => {
    if (!window.confirm(t("rules.confirmDelete", { name: r.name }))) return;
    if (editing?.id === r.id) setEditing(null);
    change(() => api.delete(`/api/v1/alert-rules/${r.id}`));
  };

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t("rules.title")}</h1>
          <p className="muted">{t("rules.subtitle")}</p>
        </div>
        {!admin && <span className="badge badge-muted" data-testid="rules-read-only">{t("rules.readOnly")}</span>}
      </div>
      <AlertsNav />
      <div className={admin ? "grid-2 grid-wide-left" : ""}>
        <section className="card">
          <h2>{t("rules.title")}</h2>
          {error && <div className="alert alert-error server-message" role="alert">{error.message}</div>}
          {rules.loading && !rules.data ? (
            <Loading />
          ) : rules.error ? (
            <ErrorState error={rules.error} onRetry={rules.reload} />
          ) : !rules.data || rules.data.items.length === 0 ? (
            <Empty title={t("rules.none")}>{admin && t("rules.noneHint")}</Empty>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="rules-table">
                <thead>
                  <tr>
                    <th>{t("rules.col.name")}</th>
                    <th className="hide-sm">{t("rules.col.condition")}</th>
                    <th>{t("alerts.col.severity")}</th>
                    <th>{t("rules.col.enabled")}</th>
                    {admin && <th />}
                  </tr>
                </thead>
                <tbody>
                  {rules.data.items.map((r) => (
                    <tr key={r.id} className={r.enabled ? "" : "row-muted"} data-rule-name={r.name}>
                      <td>
                        <strong>{r.name}</strong>
                        <div className="muted small">{t(`kind.${r.kind}` as MessageKey)}</div>
                        <div className="muted small show-sm">{condition(r)}</div>
                      </td>
                      <td className="hide-sm">{condition(r)}</td>
                      <td><SeverityBadge severity={r.severity} /></td>
                      <td>
                        {admin ? (
                          <button
                            type="button"
                            role="switch"
                            aria-checked={r.enabled}
                            className={`switch${r.enabled ? " on" : ""}`}
                            onClick={() => toggle(r)}
                            data-testid={`toggle-${r.name}`}
                            title={t(r.enabled ? "rules.disable" : "rules.enable")}
                          >
                            <span className="switch-knob" aria-hidden />
                            <span className="switch-label">{t(r.enabled ? "rules.enabled" : "rules.disabled")}</span>
                          </button>
                        ) : (
                          <span className={`badge ${r.enabled ? "badge-good" : ""}`}>{t(r.enabled ? "rules.enabled" : "rules.disabled")}</span>
                        )}
                      </td>
                      {admin && (
                        <td className="num nowrap">
                          <button className="btn btn-small" onClick={() => setEditing(r)} data-testid={`edit-${r.name}`}>{t("rules.edit")}</button>{" "}
                          <button className="btn btn-small btn-danger" onClick={() => remove(r)} data-testid={`delete-${r.name}`}>{t("rules.delete")}</button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        {admin && (
          <RuleEditor
            key={editing ? `${editing.id}:${editing.revision}` : "new"}
            rule={editing}
            onSaved={() => {
              setEditing(null);
              rules.reload();
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </div>
    </div>
  );

  function condition(r: Rule) {
    const window = windowLabel(r.window_seconds);
    const type = r.event_type ?? t("rules.anyEvent");
    const threshold = r.currency ? `${r.threshold} ${r.currency}` : String(r.threshold);
    return t(`rules.cond.${r.kind}` as MessageKey, { threshold, type, window });
  }
}

function windowLabel(seconds: number): string {
  if (seconds > 0 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds > 0 && seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

const FIELDS: RuleField[] = ["name", "description", "kind", "threshold", "window", "event_type", "currency", "severity"];

function RuleEditor({ rule, onSaved, onCancel }: { rule: Rule | null; onSaved: () => void; onCancel: () => void }) {
  const { t } = useApp();
  const [form, setForm] = useState<RuleForm>(rule ? formOf(rule) : emptyRule);
  const [touched, setTouched] = useState<Partial<Record<RuleField, boolean>>>({});
  const [server, setServer] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = validateRule(form);
  const show = (f: RuleField) => (touched[f] && errors[f] ? t(errors[f] as MessageKey) : undefined) ?? server?.reasonFor(f);
  const set = <K extends keyof RuleForm>(f: K, v: RuleForm[K]) => {
    setForm({ ...form, [f]: v });
    if (f !== "enabled") setTouched({ ...touched, [f]: true });
    setServer(null);
    setSaved(null);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(Object.fromEntries(FIELDS.map((f) => [f, true])));
    if (hasErrors(errors)) return;
    setBusy(true);
    try {
      const body = ruleBody(form);
      const r = rule ? await api.put<Rule>(`/api/v1/alert-rules/${rule.id}`, body) : await api.post<Rule>("/api/v1/alert-rules", body);
      if (!rule) {
        setForm(emptyRule);
        setTouched({});
      }
      setSaved(r.name);
      onSaved();
    } catch (err) {
      setServer(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  const input = (f: "name" | "threshold" | "window" | "event_type" | "currency", extra: Record<string, string> = {}) => (
    <input id={`rule-${f}`} value={form[f]} onChange={(e) => set(f, e.target.value)} aria-invalid={!!show(f)} {...extra} />
  );

  return (
    <form className="card form" onSubmit={submit} noValidate data-testid="rule-form">
      <h2>{rule ? t("rules.editing", { name: rule.name }) : t("rules.new")}</h2>
      {saved && <div className="alert alert-good" role="status" data-testid="rule-saved">{t("rules.saved", { name: saved })}</div>}
      <Field id="rule-name" label={t("rules.f.name")} error={show("name")}>{input("name")}</Field>
      <Field id="rule-kind" label={t("rules.f.kind")} error={show("kind")}>
        <select id="rule-kind" value={form.kind} onChange={(e) => set("kind", e.target.value as RuleForm["kind"])}>
          {RULE_KINDS.map((k) => <option key={k} value={k}>{t(`kind.${k}`)}</option>)}
        </select>
      </Field>
      <div className="form-grid">
        <Field id="rule-threshold" label={t("rules.f.threshold")} error={show("threshold")} hint={t("rules.f.thresholdHint")}>
          {input("threshold", { inputMode: "decimal" })}
        </Field>
        <Field id="rule-window" label={t("rules.f.window")} error={show("window")} hint={t("rules.f.windowHint")}>
          {input("window", { placeholder: "10m" })}
        </Field>
        <Field id="rule-event_type" label={t("rules.f.eventType")} error={show("event_type")} hint={t(`rules.f.eventTypeHint.${form.kind}`)}>
          {input("event_type", { placeholder: form.kind === "event_count" ? "" : "purchase" })}
        </Field>
        <Field id="rule-currency" label={t("rules.f.currency")} error={show("currency")} hint={t("rules.f.currencyHint")}>
          {input("currency", { placeholder: "EUR" })}
        </Field>
      </div>
      <Field id="rule-severity" label={t("rules.f.severity")} error={show("severity")}>
        <select id="rule-severity" value={form.severity} onChange={(e) => set("severity", e.target.value as RuleForm["severity"])}>
          {SEVERITIES.map((s) => <option key={s} value={s}>{t(severityLabel(s))}</option>)}
        </select>
      </Field>
      <Field id="rule-description" label={t("rules.f.description")} error={show("description")}>
        <textarea id="rule-description" rows={2} value={form.description} onChange={(e) => set("description", e.target.value)} />
      </Field>
      <label className="check">
        <input type="checkbox" checked={form.enabled} onChange={(e) => set("enabled", e.target.checked)} id="rule-enabled" />
        {t("rules.f.enabled")}
      </label>
      {server && !FIELDS.some((f) => server.reasonFor(f)) && (
        <div className="alert alert-error server-message" role="alert">{server.message}</div>
      )}
      <div className="row">
        <button className="btn btn-primary" type="submit" disabled={busy} data-testid="save-rule">{rule ? t("rules.save") : t("rules.create")}</button>
        {rule && <button type="button" className="btn btn-quiet" onClick={onCancel}>{t("rules.cancel")}</button>}
      </div>
    </form>
  );
}
