import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Field } from "../components/Field";
import { DataNav } from "./DataNav";
import { useApp } from "../context";
import { api, ApiError } from "../lib/api";
import type { MessageKey } from "../lib/i18n";
import { eventBody, hasErrors, validateEvent, type EventField, type EventForm } from "../lib/validate";

const STORED = "waymark.ingestKey";
const TYPES = ["page_view", "product_view", "search", "add_to_cart", "remove_from_cart", "checkout", "purchase", "click"];

/** An ingest key created in this tab is offered to the form (kept for the tab only). */
export function rememberKey(secret: string) {
  sessionStorage.setItem(STORED, secret);
}

interface IngestResult { accepted: number; rejected: number; message?: string; errors?: { index: number; field: string; reason: string }[] }

const empty: EventForm = { type: "page_view", user_id: "", anonymous_id: "", page_url: "", product_id: "", search_query: "", order_id: "", amount: "", currency: "", timestamp: "" };

export function SendEventPage() {
  const { t } = useApp();
  const [key, setKey] = useState(() => sessionStorage.getItem(STORED) ?? "");
  const [form, setForm] = useState<EventForm>(empty);
  const [touched, setTouched] = useState<Partial<Record<EventField, boolean>>>({});
  const [server, setServer] = useState<ApiError | null>(null);
  const [sent, setSent] = useState<{ user: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = validateEvent(form, key);
  const show = (f: EventField) => (touched[f] && errors[f] ? t(errors[f] as MessageKey) : undefined) ?? server?.reasonFor(f);
  const set = (f: keyof EventForm, v: string) => {
    setForm({ ...form, [f]: v });
    setTouched({ ...touched, [f]: true });
    setServer(null);
    setSent(null);
  };
  const needs = (types: string[]) => types.includes(form.type);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(Object.fromEntries([...Object.keys(empty), "key"].map((k) => [k, true])));
    if (hasErrors(errors)) return;
    setBusy(true);
    setServer(null);
    try {
      const r = await api.post<IngestResult>("/api/v1/events", eventBody(form), { bearer: key.trim() });
      if (r.rejected > 0) {
        setServer(new ApiError(400, r.message ?? t("send.rejected"), r.errors ?? []));
      } else {
        setSent({ user: form.user_id.trim() || form.anonymous_id.trim() });
        sessionStorage.setItem(STORED, key.trim());
      }
    } catch (err) {
      const apiErr = err as ApiError;
      // The key's problems (401, 403) belong next to the key field.
      setServer(apiErr.status === 401 || apiErr.status === 403 ? new ApiError(apiErr.status, apiErr.message, [{ field: "key", reason: apiErr.message }]) : apiErr);
    } finally {
      setBusy(false);
    }
  }

  const general = server?.problems.filter((p) => !(p.field in empty) && p.field !== "key") ?? [];
  return (
    <div className="page">
      <div className="page-head"><div><h1>{t("send.title")}</h1><p className="muted">{t("send.subtitle")}</p></div></div>
      <DataNav />
      <form className="card form form-wide" onSubmit={submit} noValidate data-testid="send-event">
        <Field id="key" label={t("send.key")} error={show("key")} hint={t("send.keyHint")}>
          <input id="key" type="password" value={key} onChange={(e) => { setKey(e.target.value); setTouched({ ...touched, key: true }); setServer(null); }} autoComplete="off" placeholder="wm_ingest_…" />
        </Field>
        <div className="form-grid">
          <Field id="type" label={t("send.type")} error={show("type")}>
            <input id="type" list="event-types" value={form.type} onChange={(e) => set("type", e.target.value)} />
            <datalist id="event-types">{TYPES.map((ty) => <option key={ty} value={ty} />)}</datalist>
          </Field>
          <Field id="user_id" label={t("send.userId")} error={show("user_id")}>
            <input id="user_id" value={form.user_id} onChange={(e) => set("user_id", e.target.value)} />
          </Field>
          <Field id="anonymous_id" label={t("send.anonymousId")} error={show("anonymous_id")}>
            <input id="anonymous_id" value={form.anonymous_id} onChange={(e) => set("anonymous_id", e.target.value)} />
          </Field>
          <Field id="page_url" label={t("send.pageUrl")} error={show("page_url")}>
            <input id="page_url" value={form.page_url} onChange={(e) => set("page_url", e.target.value)} placeholder="/products/42" />
          </Field>
          {needs(["product_view", "add_to_cart", "remove_from_cart"]) && (
            <Field id="product_id" label={t("send.productId")} error={show("product_id")}>
              <input id="product_id" value={form.product_id} onChange={(e) => set("product_id", e.target.value)} />
            </Field>
          )}
          {needs(["search"]) && (
            <Field id="search_query" label={t("send.searchQuery")} error={show("search_query")}>
              <input id="search_query" value={form.search_query} onChange={(e) => set("search_query", e.target.value)} />
            </Field>
          )}
          {needs(["purchase"]) && (
            <Field id="order_id" label={t("send.orderId")} error={show("order_id")}>
              <input id="order_id" value={form.order_id} onChange={(e) => set("order_id", e.target.value)} />
            </Field>
          )}
          {needs(["purchase", "checkout", "add_to_cart"]) && (
            <>
              <Field id="amount" label={t("send.amount")} error={show("amount")}>
                <input id="amount" inputMode="decimal" value={form.amount} onChange={(e) => set("amount", e.target.value)} />
              </Field>
              <Field id="currency" label={t("send.currency")} error={show("currency")}>
                <input id="currency" value={form.currency} maxLength={3} onChange={(e) => set("currency", e.target.value.toUpperCase())} placeholder="EUR" />
              </Field>
            </>
          )}
          <Field id="timestamp" label={t("send.timestamp")} error={show("timestamp")} hint={t("send.timestampHint")}>
            <input id="timestamp" value={form.timestamp} onChange={(e) => set("timestamp", e.target.value)} placeholder="2026-03-02T11:59:00Z" />
          </Field>
        </div>
        {general.length > 0 && (
          <div className="alert alert-error" role="alert" data-testid="server-errors">
            {general.map((p, i) => <div key={i} className="server-message">{p.field}: {p.reason}</div>)}
          </div>
        )}
        {server && server.problems.length === 0 && <div className="alert alert-error server-message" role="alert">{server.message}</div>}
        {sent && (
          <div className="alert alert-good" data-testid="event-sent">
            {t("send.accepted")} <Link to={`/users/${encodeURIComponent(sent.user)}`}>{t("send.seeUser", { user: sent.user })}</Link>
          </div>
        )}
        <button className="btn btn-primary" type="submit" disabled={busy} data-testid="send-submit">{busy ? t("state.working") : t("send.submit")}</button>
      </form>
    </div>
  );
}
