import { useApp } from "../context";

export function Pager({ page, pages, onPage }: { page: number; pages: number; onPage: (p: number) => void }) {
  const { t, number } = useApp();
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t("pager.label")}>
      <button className="btn btn-small" disabled={page === 0} onClick={() => onPage(page - 1)}>
        ← {t("pager.previous")}
      </button>
      <span className="muted">{t("pager.position", { page: number(page + 1), pages: number(pages) })}</span>
      <button className="btn btn-small" disabled={page >= pages - 1} onClick={() => onPage(page + 1)} data-testid="next-page">
        {t("pager.next")} →
      </button>
    </nav>
  );
}
