import type { ReactNode } from "react";
import { NavLink, useNavigate } from "react-router";
import { useApp } from "../context";
import type { Language } from "../lib/i18n";
import { may } from "../lib/roles";
import { loadSystemInfo, shownCommit } from "../lib/system";
import { useFetch } from "../lib/useFetch";

export function Shell({ children }: { children: ReactNode }) {
  const { t, me, prefs, setPrefs, logout } = useApp();
  const navigate = useNavigate();
  const role = me?.role;
  const info = useFetch(me ? "system-info" : null, loadSystemInfo).data;
  const link = (to: string, label: string, testId: string) => (
    <NavLink to={to} className={({ isActive }) => `nav-link${isActive ? " active" : ""}`} data-testid={testId}>
      {label}
    </NavLink>
  );
  return (
    <div className="app">
      <header className="topbar">
        <NavLink to="/" className="brand" aria-label="Waymark">
          <img src="/favicon.svg" alt="" width={26} height={26} />
          <span>Waymark</span>
        </NavLink>
        <nav className="nav" aria-label={t("nav.label")}>
          {may(role, "live") && link("/live", t("nav.live"), "nav-live")}
          {may(role, "insights") && link("/insights", t("nav.insights"), "nav-insights")}
          {may(role, "alerts") && link("/alerts", t("nav.alerts"), "nav-alerts")}
          {may(role, "users") && link("/users", t("nav.users"), "nav-users")}
          {may(role, "data") && link("/data", t("nav.data"), "nav-data")}
          {may(role, "admin") && link("/admin/accounts", t("nav.admin"), "nav-admin")}
        </nav>
        <div className="toolbar">
          <select
            aria-label={t("prefs.language")}
            data-testid="language"
            value={prefs.language}
            onChange={(e) => setPrefs({ ...prefs, language: e.target.value as Language })}
          >
            <option value="en">English</option>
            <option value="es">Español</option>
          </select>
          <div className="segmented" role="group" aria-label={t("prefs.time")}>
            {(["local", "utc"] as const).map((m) => (
              <button
                key={m}
                className={prefs.timeMode === m ? "on" : ""}
                aria-pressed={prefs.timeMode === m}
                data-testid={`time-${m}`}
                onClick={() => setPrefs({ ...prefs, timeMode: m })}
              >
                {t(m === "utc" ? "prefs.utc" : "prefs.local")}
              </button>
            ))}
          </div>
          <span className="who" data-testid="who">
            <span className="who-name">{me?.username}</span>
            <span className={`badge badge-${role}`} data-testid="role">
              {role ? t(`role.${role}` as const) : ""}
            </span>
          </span>
          <button
            className="btn btn-small"
            data-testid="logout"
            onClick={() => logout().then(() => navigate("/login"))}
          >
            {t("action.logout")}
          </button>
        </div>
      </header>
      <main className="content">{children}</main>
      {info && (
        <footer className="footer muted" data-testid="version">
          {t("footer.version", { version: info.version, commit: shownCommit(info) })}
        </footer>
      )}
    </div>
  );
}

/** Tabs inside an area (Admin: accounts, keys, system; Alerts: alerts, rules). */
export function SubNav({ items }: { items: { to: string; label: string; end?: boolean }[] }) {
  return (
    <nav className="subnav">
      {items.map((i) => (
        <NavLink key={i.to} to={i.to} end={i.end} className={({ isActive }) => `subnav-link${isActive ? " active" : ""}`}>
          {i.label}
        </NavLink>
      ))}
    </nav>
  );
}
