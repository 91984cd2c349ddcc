import type { ReactNode } from "react";
import { useApp } from "../context";
import type { ApiError } from "../lib/api";

export function Loading({ label }: { label?: string }) {
  const { t } = useApp();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden />
      <span>{label ?? t("state.loading")}</span>
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty" data-state="empty">
      <div className="state-icon" aria-hidden>∅</div>
      <strong>{title}</strong>
      {children && <div className="muted">{children}</div>}
    </div>
  );
}

/** A failed request: the server's message, and what to do about it. */
export function ErrorState({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t, me } = useApp();
  const title =
    error.status === 403
      ? t("error.forbidden", { role: me?.role ?? "?" })
      : error.status === 0
        ? t("error.offline")
        : error.status === 404
          ? t("error.notFound")
          : t("error.generic");
  return (
    <div className="state state-error" role="alert" data-state="error" data-status={error.status}>
      <div className="state-icon" aria-hidden>!</div>
      <strong>{title}</strong>
      <div className="server-message">{error.message}</div>
      {onRetry && error.status !== 403 && (
        <button className="btn" onClick={onRetry}>
          {t("action.retry")}
        </button>
      )}
    </div>
  );
}
