import type { ReactNode } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router";
import { Shell } from "./components/Shell";
import { Loading, Empty } from "./components/States";
import { useApp } from "./context";
import { homeOf } from "./lib/roles";
import { LoginPage } from "./pages/Login";
import { LivePage } from "./pages/Live";
import { UsersPage } from "./pages/Users";
import { InsightsPage } from "./pages/Insights";
import { AlertsPage } from "./pages/Alerts";
import { AlertDetailPage } from "./pages/AlertDetail";
import { AlertRulesPage } from "./pages/AlertRules";
import { UserPage } from "./pages/User";
import { AccountsPage } from "./pages/Accounts";
import { KeysPage } from "./pages/Keys";
import { SystemPage } from "./pages/System";
import { SendEventPage } from "./pages/SendEvent";
import { ImportsPage } from "./pages/Imports";
import { ExportsPage } from "./pages/Exports";
import { SourcesPage } from "./pages/Sources";
import { QuarantinePage } from "./pages/Quarantine";
import { PrivacyPage } from "./pages/Privacy";
import { ErasureDetailPage } from "./pages/ErasureDetail";

/** Pages need a login; which role may use a page is the server's decision (it answers 403). */
function Authenticated({ children }: { children: ReactNode }) {
  const { me } = useApp();
  const location = useLocation();
  if (me === undefined) return <Loading />;
  if (me === null) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Shell>{children}</Shell>;
}

function NotFound() {
  const { t } = useApp();
  return <Empty title={t("error.noPage")} />;
}

export function App() {
  const { me } = useApp();
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/" element={me === undefined ? <Loading /> : <Navigate to={me ? homeOf(me.role) : "/login"} replace />} />
      <Route path="/live" element={<Authenticated><LivePage /></Authenticated>} />
      <Route path="/insights" element={<Authenticated><InsightsPage /></Authenticated>} />
      <Route path="/alerts" element={<Authenticated><AlertsPage /></Authenticated>} />
      <Route path="/alerts/rules" element={<Authenticated><AlertRulesPage /></Authenticated>} />
      <Route path="/alerts/:id" element={<Authenticated><AlertDetailPage /></Authenticated>} />
      <Route path="/users" element={<Authenticated><UsersPage /></Authenticated>} />
      <Route path="/users/:id" element={<Authenticated><UserPage /></Authenticated>} />
      <Route path="/data" element={<Navigate to="/data/send-event" replace />} />
      <Route path="/data/send-event" element={<Authenticated><SendEventPage /></Authenticated>} />
      <Route path="/data/imports" element={<Authenticated><ImportsPage /></Authenticated>} />
      <Route path="/data/sources" element={<Authenticated><SourcesPage /></Authenticated>} />
      <Route path="/data/quarantine" element={<Authenticated><QuarantinePage /></Authenticated>} />
      <Route path="/data/exports" element={<Authenticated><ExportsPage /></Authenticated>} />
      <Route path="/admin" element={<Navigate to="/admin/accounts" replace />} />
      <Route path="/admin/accounts" element={<Authenticated><AccountsPage /></Authenticated>} />
      <Route path="/admin/keys" element={<Authenticated><KeysPage /></Authenticated>} />
      <Route path="/admin/system" element={<Authenticated><SystemPage /></Authenticated>} />
      <Route path="/admin/privacy" element={<Authenticated><PrivacyPage /></Authenticated>} />
      <Route path="/admin/privacy/:id" element={<Authenticated><ErasureDetailPage /></Authenticated>} />
      <Route path="*" element={<Authenticated><NotFound /></Authenticated>} />
    </Routes>
  );
}
