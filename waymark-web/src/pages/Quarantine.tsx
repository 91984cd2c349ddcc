import { useEffect, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { Field } from "../components/Field";
import { Empty, ErrorState, Loading } from "../components/States";
import { useApp } from "../context";
import { api, ApiError } from "../lib/api";
import type { MessageKey } from "../lib/i18n";
import {
  filterFrom,
  noFilter,
  quarantineQuery,
  type BulkOutcome,
  type QuarantineFilter,
  type QuarantineItem,
  type QuarantinePage as Page,
  type ReviewStatus,
} from "../lib/quarantine";
import { may } from "../lib/roles";
import { useFetch } from "../lib/useFetch";
import { DataNav } from "./DataNav";
import { QuarantineDrawer } from "./QuarantineDrawer";

const PAGE_SIZE = 25;

export function ReviewBadge({ status }: { status: ReviewStatus }) {
  const { t } = useApp();
  const cls = status === "open" ? "badge-open" : status === "replayed" ? "badge-good" : "badge-muted";
  return <span className={`badge ${cls}`} data-testid="review-status">{t(`q.status.${status}` as MessageKey)}</span>;
}

export function QuarantinePage() {
  const { t, me, dateTime, prefs } = useApp();
  const admin = may(me?.role, "admin");
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const utc = prefs.timeMode === "utc";
  const filterKey = quarantineQuery(filter, PAGE_SIZE, undefined, utc);
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const [round, setRound] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<string | null>(params.get("item"));
  const [bulk, setBulk] = useState<{ outcomes?: BulkOutcome[]; error?: ApiError } | null>(null);
  useEffect(() => {
    setTokens([undefined]);
    setSelected(new Set());
  }, [filterKey]);
  const token = tokens[tokens.length - 1];
  const page = useFetch(`quarantine:${filterKey}:${token ?? ""}:${round}`, (signal) =>
    api.get<Page>(`/api/v1/quarantine${quarantineQuery(filter, PAGE_SIZE, token, utc)}`, { signal }),
  );
  const items = page.data?.items ?? [];
  const refresh = () => setRound((r) => r + 1);

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const selectable = items.filter((i) => i.review_status === "open");
  const allSelected = selectable.length > 0 && selectable.every((i) => selected.has(i.id));

  async function decideSelected(discard: boolean) {
    let reason: string | null = null;
    if (discard) {
      reason = window.prompt(t("q.discardPrompt", { n: selected.size }));
      if (!reason || !reason.trim()) return;
    }
    try {
      const body: Record<string, unknown> = { ids: [...selected] };
      if (reason) body.reason = reason.trim();
      const r = await api.post<{ items: BulkOutcome[] }>(`/api/v1/quarantine/${discard ? "discard" : "replay"}`, body);
      setBulk({ outcomes: r.items });
      setSelected(new Set());
      refresh();
    } catch (e) {
      setBulk({ error: e as ApiError });
    }
  }

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t("q.title")}</h1>
          <p className="muted">{t("q.subtitle")}</p>
        </div>
      </div>
      <DataNav />
      <Filters
        filter={filter}
        onApply={(f) => {
          const next = new URLSearchParams();
          for (const [k, v] of Object.entries(f)) if (v && !(k === "status" && v === "open")) next.set(k, v);
          setParams(next, { replace: true });
        }}
      />
      {bulk && <BulkSummary result={bulk} onClose={() => setBulk(null)} />}
      <section className="card">
        {admin && selected.size > 0 && (
          <div className="bulk-bar" data-testid="bulk-bar">
            <span>{t("q.selected", { n: selected.size })}</span>
            <button className="btn btn-small btn-primary" onClick={() => decideSelected(false)} data-testid="bulk-replay">{t("q.replaySelected")}</button>
            <button className="btn btn-small btn-danger" onClick={() => decideSelected(true)} data-testid="bulk-discard">{t("q.discardSelected")}</button>
          </div>
        )}
        {page.loading && !page.data ? (
          <Loading />
        ) : page.error ? (
          <ErrorState error={page.error} onRetry={page.reload} />
        ) : items.length === 0 ? (
          <Empty title={filter.status === "open" && !filter.q && !filter.source ? t("q.none") : t("q.noMatch")}>
            {page.data?.next_page_token ? t("q.sparse") : t("q.noneHint")}
          </Empty>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="quarantine-table">
              <thead>
                <tr>
                  {admin && (
                    <th className="check-col">
                      <input type="checkbox" aria-label={t("q.selectAll")} checked={allSelected} disabled={selectable.length === 0}
                        onChange={() => setSelected(allSelected ? new Set() : new Set(selectable.map((i) => i.id)))} data-testid="select-all" />
                    </th>
                  )}
                  <th>{t("q.col.received")}</th>
                  <th>{t("q.col.reason")}</th>
                  <th className="hide-sm">{t("q.col.source")}</th>
                  <th className="hide-sm">{t("q.col.user")}</th>
                  <th>{t("q.col.status")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <Row key={i.id} item={i} admin={admin} checked={selected.has(i.id)} onCheck={() => toggle(i.id)} onOpen={() => setOpen(i.id)} dateTime={dateTime} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {(tokens.length > 1 || page.data?.next_page_token) && (
          <div className="pager">
            <button className="btn btn-small" disabled={tokens.length <= 1} onClick={() => setTokens(tokens.slice(0, -1))}>← {t("pager.newer")}</button>
            <button className="btn btn-small" disabled={!page.data?.next_page_token} onClick={() => setTokens([...tokens, page.data?.next_page_token])} data-testid="older-items">{t("pager.older")} →</button>
          </div>
        )}
      </section>
      {open && <QuarantineDrawer id={open} admin={admin} onClose={() => setOpen(null)} onDecided={refresh} />}
    </div>
  );
}

function Row({ item, admin, checked, onCheck, onOpen, dateTime }: { item: QuarantineItem; admin: boolean; checked: boolean; onCheck: () => void; onOpen: () => void; dateTime: (v: string) => string }) {
  const { t } = useApp();
  return (
    <tr className="row-link" data-item-id={item.id} onClick={(e) => { if (!(e.target as HTMLElement).closest("input,button")) onOpen(); }}>
      {admin && (
        <td className="check-col">
          <input type="checkbox" aria-label={t("q.select")} checked={checked} disabled={item.review_status !== "open"} onChange={onCheck} data-testid="select-item" />
        </td>
      )}
      <td className="nowrap">{dateTime(item.received_at)}</td>
      <td>
        <button type="button" className="link-button" onClick={onOpen} data-testid="item-link">{item.reason}</button>
        <div className="muted small show-sm">{item.source}</div>
      </td>
      <td className="hide-sm mono small">{item.source}</td>
      <td className="hide-sm">{item.user_key ?? <span className="muted">—</span>}</td>
      <td><ReviewBadge status={item.review_status} /></td>
    </tr>
  );
}

function Filters({ filter, onApply }: { filter: QuarantineFilter; onApply: (f: QuarantineFilter) => void }) {
  const { t } = useApp();
  const [form, setForm] = useState(filter);
  const key = JSON.stringify(filter);
  useEffect(() => setForm(filter), [key]); // eslint-disable-line react-hooks/exhaustive-deps
  const set = (k: keyof QuarantineFilter, v: string) => setForm({ ...form, [k]: v });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(form);
  };
  const filtered = JSON.stringify(form) !== JSON.stringify(noFilter);
  return (
    <form className="card filters" onSubmit={submit} data-testid="quarantine-filters">
      <Field id="q-status" label={t("q.filter.status")}>
        <select id="q-status" value={form.status} onChange={(e) => onApply({ ...form, status: e.target.value })}>
          {(["open", "replayed", "discarded"] as const).map((s) => <option key={s} value={s}>{t(`q.status.${s}`)}</option>)}
          <option value="any">{t("q.filter.any")}</option>
        </select>
      </Field>
      <Field id="q-text" label={t("q.filter.text")}>
        <input id="q-text" value={form.q} onChange={(e) => set("q", e.target.value)} placeholder="product_id" />
      </Field>
      <Field id="q-source" label={t("q.filter.source")}>
        <input id="q-source" value={form.source} onChange={(e) => set("source", e.target.value)} placeholder="http:/api/v1/events" />
      </Field>
      <Field id="q-from" label={t("q.filter.from")}>
        <input id="q-from" type="datetime-local" value={form.from} onChange={(e) => set("from", e.target.value)} />
      </Field>
      <Field id="q-to" label={t("q.filter.to")}>
        <input id="q-to" type="datetime-local" value={form.to} onChange={(e) => set("to", e.target.value)} />
      </Field>
      <button className="btn" type="submit" data-testid="apply-filters">{t("action.apply")}</button>
      {filtered && (
        <button type="button" className="btn btn-quiet" onClick={() => onApply(noFilter)}>{t("alerts.clear")}</button>
      )}
    </form>
  );
}

function BulkSummary({ result, onClose }: { result: { outcomes?: BulkOutcome[]; error?: ApiError }; onClose: () => void }) {
  const { t } = useApp();
  const counts = new Map<string, number>();
  for (const o of result.outcomes ?? []) counts.set(o.outcome, (counts.get(o.outcome) ?? 0) + 1);
  return (
    <div className={`alert ${result.error ? "alert-error" : "alert-ok"}`} role="status" data-testid="bulk-result">
      {result.error ? (
        <span className="server-message">{result.error.status === 403 ? t("error.forbidden", { role: "?" }) : result.error.message}</span>
      ) : (
        <span>{[...counts].map(([k, n]) => t(`q.outcome.${k}` as MessageKey, { n })).join(" · ")}</span>
      )}
      <button className="btn btn-small btn-quiet" onClick={onClose}>×</button>
    </div>
  );
}
