import { SubNav } from "../components/Shell";
import { useApp } from "../context";

export function DataNav() {
  const { t } = useApp();
  return (
    <SubNav
      items={[
        { to: "/data/send-event", label: t("data.sendEvent") },
        { to: "/data/imports", label: t("data.imports") },
      ]}
    />
  );
}
