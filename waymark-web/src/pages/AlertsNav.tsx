import { SubNav } from "../components/Shell";
import { useApp } from "../context";
import { may } from "../lib/roles";

/** Alerts and, for those who may read them, the rules. */
export function AlertsNav() {
  const { t, me } = useApp();
  if (!may(me?.role, "alertRules")) return null;
  return (
    <SubNav
      items={[
        { to: "/alerts", label: t("nav.alerts"), end: true },
        { to: "/alerts/rules", label: t("alerts.rules") },
      ]}
    />
  );
}
