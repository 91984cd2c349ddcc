import { SubNav } from "../components/Shell";
import { useApp } from "../context";

export function AdminNav() {
  const { t } = useApp();
  return (
    <SubNav
      items={[
        { to: "/admin/accounts", label: t("admin.accounts") },
        { to: "/admin/keys", label: t("admin.keys") },
        { to: "/admin/system", label: t("admin.system") },
        { to: "/admin/privacy", label: t("admin.privacy") },
      ]}
    />
  );
}
