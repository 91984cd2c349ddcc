import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Field } from "../components/Field";
import { Empty, ErrorState, Loading } from "../components/States";
import { useApp } from "../context";
import { api, ApiError } from "../lib/api";
import type { MessageKey } from "../lib/i18n";
import { erasePath, erasuresPath, MAX_USER_ID, statusBadge, subjectOf, summarise, validateErase, type Erasure, type ErasurePage, type EraseField } from "../lib/privacy";
import { may } from "../lib/roles";
import { useFetch } from "../lib/useFetch";
import { hasErrors } from "../lib/validate";
import { AdminNav } from "./AdminNav";

const PAGE_SIZE = 20;

/** Admin → Privacy: erase a user (with a confirmation step) and the audit log of erasures. */
export function PrivacyPage() {
  const { t, me } = useApp();
  const [params] = useSearchParams();
  return (
    <div className="page">
      <div className="page-head"><div><h1>{t("admin.title")}</h1><p className="muted">{t("privacy.subtitle")}</p></div></div>
      <AdminNav />
      <div className="grid-2 grid-wide-left">
        <AuditLog />
        {/* Only admins may erase; for anyone else the audit log shows the server's refusal. */}
        {may(me?.role, "admin") && <EraseUserForm initialUser={params.get("user") ?? ""} />}
      </div>
    </div>
  );
}

/** The user a request is about: the id while it runs, its pseudonym once the erasure completed. */
export function Subject({ r }: { r: Pick<Erasure, "user_id" | "user_pseudonym"> }) {
  const { t } = useApp();
  const s = subjectOf(r);
  return s.pseudonym ? (
    <span className="mono" data-testid="erasure-user" title={t("privacy.pseudonymHint")}>
      {s.text} <span className="badge badge-muted">{t("privacy.pseudonym")}</span>
    </span>
  ) : (
    <span className="mono" data-testid="erasure-user">{s.text}</span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useApp();
  const known = ["pending", "running", "completed", "failed"].includes(status);
  return (
    <span className={`badge ${statusBadge(status)}`} data-status={status}>
      {known ? t(`privacy.status.${status}` as MessageKey) : status}
    </span>
  );
}

function EraseUserForm({ initialUser }: { initialUser: string }) {
  const { t } = useApp();
  const navigate = useNavigate();
  const [form, setForm] = useState({ userId: initialUser, confirm: "" });
  const [suppress, setSuppress] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [touched, setTouched] = useState<Partial<Record<EraseField, boolean>>>({ user_id: initialUser !== "" });
  const [server, setServer] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);
  const errors = validateErase(form, confirming);
  const show = (f: EraseField) => (touched[f] && errors[f] ? t(errors[f] as MessageKey, { max: MAX_USER_ID }) : undefined) ?? server?.reasonFor(f);

  function next(e: FormEvent) {
    e.preventDefault();
    setTouched({ user_id: true });
    if (hasErrors(validateErase(form, false))) return;
    setForm({ ...form, confirm: "" });
    setServer(null);
    setConfirming(true);
  }

  async function erase(e: FormEvent) {
    e.preventDefault();
    setTouched({ user_id: true, confirm: true });
    if (hasErrors(errors)) return;
    setSending(true);
    try {
      const started = await api.delete<Erasure>(erasePath(form.userId, suppress));
      // The answer is the request as it starts: the progress view shows it at once, then polls.
      navigate(`/admin/privacy/${encodeURIComponent(started.id)}`, { state: started });
    } catch (err) {
      const problem = err as ApiError;
      setServer(problem);
      if (problem.reasonFor("user_id")) setConfirming(false);
    } finally {
      setSending(false);
    }
  }

  const serverMessage = server && !server.reasonFor("user_id") && (
    <div className="alert alert-error server-message" role="alert" data-testid="erase-server-error">{server.message}</div>
  );

  if (confirming) {
    return (
      <form className="card form" onSubmit={erase} noValidate data-testid="erase-confirm">
        <h2>{t("privacy.confirmTitle")}</h2>
        <div className="alert alert-error" role="alert">
          <strong>{t("privacy.irreversible", { id: form.userId })}</strong>
          <p className="small">{t("privacy.irreversibleWhat")}</p>
          <p className="small">{t(suppress ? "privacy.willSuppress" : "privacy.willNotSuppress")}</p>
        </div>
        <Field id="erase-confirm-id" label={t("privacy.typeAgain")} error={show("confirm")} hint={t("privacy.typeAgainHint")}>
          <input
            id="erase-confirm-id"
            className="mono"
            autoComplete="off"
            autoFocus
            value={form.confirm}
            onChange={(e) => {
              setForm({ ...form, confirm: e.target.value });
              setTouched({ ...touched, confirm: true });
              setServer(null);
            }}
          />
        </Field>
        {serverMessage}
        <div className="row">
          <button className="btn btn-danger-solid" type="submit" disabled={sending || form.confirm !== form.userId} data-testid="erase-submit">
            {sending ? t("privacy.erasing") : t("privacy.eraseNow")}
          </button>
          <button className="btn btn-quiet" type="button" onClick={() => setConfirming(false)} data-testid="erase-back">{t("privacy.back")}</button>
        </div>
      </form>
    );
  }

  return (
    <form className="card form" onSubmit={next} noValidate data-testid="erase-form">
      <h2>{t("privacy.eraseTitle")}</h2>
      <p className="muted small">{t("privacy.eraseIntro")}</p>
      <Field id="erase-user" label={t("privacy.userId")} error={show("user_id")} hint={t("privacy.userIdHint")}>
        <input
          id="erase-user"
          className="mono"
          autoComplete="off"
          value={form.userId}
          onChange={(e) => {
            setForm({ ...form, userId: e.target.value });
            setTouched({ ...touched, user_id: true });
            setServer(null);
          }}
        />
      </Field>
      <label className="check">
        <input type="checkbox" checked={suppress} onChange={(e) => setSuppress(e.target.checked)} data-testid="erase-suppress" />
        <span>{t("privacy.suppress")}</span>
      </label>
      <div className="field-hint">{t("privacy.suppressHint")}</div>
      {serverMessage}
      <button className="btn btn-danger" type="submit" data-testid="erase-next">{t("privacy.continue")}</button>
    </form>
  );
}

function AuditLog() {
  const { t, dateTime, number } = useApp();
  const navigate = useNavigate();
  const [typed, setTyped] = useState("");
  const [user, setUser] = useState("");
  // The `before` cursor of each page shown so far; the last one is the page on screen.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const before = cursors[cursors.length - 1];
  const page = useFetch(`erasures:${user}:${before ?? ""}`, (signal) => api.get<ErasurePage>(erasuresPath(user, before, PAGE_SIZE), { signal }));

  function apply(value: string) {
    setUser(value.trim());
    setCursors([undefined]);
  }

  const rows = page.data?.requests ?? [];
  return (
    <section className="card" data-testid="erasure-log">
      <h2>{t("privacy.log")}</h2>
      <p className="muted small">{t("privacy.logHint")}</p>
      <form
        className="filters filters-inline"
        onSubmit={(e) => {
          e.preventDefault();
          apply(typed);
        }}
      >
        <Field id="log-user" label={t("privacy.filterUser")}>
          <input id="log-user" className="mono" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={t("alerts.filter.userPlaceholder")} data-testid="log-user" />
        </Field>
        <button className="btn" type="submit" data-testid="log-apply">{t("action.apply")}</button>
        {user && (
          <button className="btn btn-quiet" type="button" onClick={() => { setTyped(""); apply(""); }}>{t("alerts.clear")}</button>
        )}
      </form>
      {page.loading && !page.data ? (
        <Loading />
      ) : page.error ? (
        <ErrorState error={page.error} onRetry={page.reload} />
      ) : rows.length === 0 ? (
        <Empty title={user ? t("privacy.noneFor", { id: user }) : t("privacy.none")}>{!user && t("privacy.noneHint")}</Empty>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table" data-testid="erasures-table">
              <thead>
                <tr>
                  <th>{t("privacy.col.requested")}</th>
                  <th>{t("privacy.col.user")}</th>
                  <th>{t("privacy.col.status")}</th>
                  <th className="num hide-sm">{t("privacy.col.deleted")}</th>
                  <th className="hide-sm">{t("privacy.col.by")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} className="row-link" data-erasure-id={r.id} onClick={() => navigate(`/admin/privacy/${encodeURIComponent(r.id)}`)}>
                    <td className="nowrap">
                      <Link to={`/admin/privacy/${encodeURIComponent(r.id)}`} data-testid="erasure-link" onClick={(e) => e.stopPropagation()}>{dateTime(r.requested_at)}</Link>
                      <div className="muted small show-sm">{r.requested_by}</div>
                    </td>
                    <td className="mono"><Subject r={r} />{r.suppress && <span className="badge badge-muted">{t("privacy.suppressed")}</span>}</td>
                    <td><StatusBadge status={r.status} /></td>
                    <td className="num hide-sm">{r.report ? number(summarise(r.report).deleted) : "–"}</td>
                    <td className="hide-sm">{r.requested_by}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="pager">
            <button className="btn btn-small" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>← {t("pager.newer")}</button>
            <button className="btn btn-small" disabled={!page.data?.next_before} onClick={() => setCursors([...cursors, page.data?.next_before ?? undefined])} data-testid="older-erasures">{t("pager.older")} →</button>
          </div>
        </>
      )}
    </section>
  );
}
