import { SubNav } from "../components/Shell";
import { useApp } from "../context";

/** Data: the test-event form, imports, connected sources, the quarantine review and exports. */
export function DataNav() {
  const { t } = useApp();
  return (
    <SubNav
      items={[
        { to: "/data/send-event", label: t("data.sendEvent") },
        { to: "/data/imports", label: t("data.imports") },
        { to: "/data/sources", label: t("data.sources") },
        { to: "/data/quarantine", label: t("data.quarantine") },
        { to: "/data/exports", label: t("data.exports") },
      ]}
    />
  );
}
