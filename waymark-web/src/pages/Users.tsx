import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Pager } from "../components/Pager";
import { Empty, ErrorState, Loading } from "../components/States";
import { useApp } from "../context";
import { api, query } from "../lib/api";
import { pageOf } from "../lib/paging";
import { useFetch } from "../lib/useFetch";

export interface UserRow {
  user_key: string;
  user_id?: string;
  anonymous_id?: string;
  first_seen: string;
  last_seen: string;
  event_count: number;
}

const MAX = 200;
const PAGE = 20;

export function UsersPage() {
  const { t, dateTime, number } = useApp();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const [text, setText] = useState(q);
  const [page, setPage] = useState(0);

  useEffect(() => {
    const id = window.setTimeout(() => {
      if (text !== q) {
        setParams(text ? { q: text } : {}, { replace: true });
        setPage(0);
      }
    }, 250);
    return () => window.clearTimeout(id);
  }, [text, q, setParams]);

  const users = useFetch(`users:${q}`, (signal) =>
    api.get<{ items: UserRow[] }>(`/api/v1/users${query({ q, limit: MAX })}`, { signal }),
  );
  const shown = users.data ? pageOf(users.data.items, page, PAGE) : null;

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t("users.title")}</h1>
          <p className="muted">{t("users.subtitle")}</p>
        </div>
      </div>
      <div className="card">
        <div className="search">
          <input
            type="search"
            value={text}
            placeholder={t("users.searchPlaceholder")}
            aria-label={t("users.search")}
            data-testid="user-search"
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        {users.loading && !users.data ? (
          <Loading />
        ) : users.error ? (
          <ErrorState error={users.error} onRetry={users.reload} />
        ) : shown && shown.total === 0 ? (
          <Empty title={q ? t("users.noMatch", { q }) : t("users.none")}>{t("users.noneHint")}</Empty>
        ) : (
          shown && (
            <>
              <div className="table-wrap">
                <table className="table" data-testid="users-table">
                  <thead>
                    <tr>
                      <th>{t("users.user")}</th>
                      <th className="hide-sm">{t("users.firstSeen")}</th>
                      <th>{t("users.lastSeen")}</th>
                      <th className="num">{t("users.events")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.items.map((u) => (
                      <tr key={u.user_key}>
                        <td>
                          <Link to={`/users/${encodeURIComponent(u.user_key)}`} className="mono">{u.user_key}</Link>
                          {!u.user_id && <span className="badge badge-muted">{t("users.anonymous")}</span>}
                        </td>
                        <td className="hide-sm">{dateTime(u.first_seen)}</td>
                        <td>{dateTime(u.last_seen)}</td>
                        <td className="num">{number(u.event_count)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="table-foot">
                <span className="muted small">
                  {t("users.count", { n: number(shown.total) })}
                  {shown.total >= MAX && ` · ${t("users.refine", { max: number(MAX) })}`}
                </span>
                <Pager page={shown.page} pages={shown.pages} onPage={setPage} />
              </div>
            </>
          )
        )}
      </div>
    </div>
  );
}
