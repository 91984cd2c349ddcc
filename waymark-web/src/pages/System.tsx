import { useEffect, useState } from "react";
import { ErrorState, Loading } from "../components/States";
import { useApp } from "../context";
import { ApiError } from "../lib/api";
import { pipelineState, type Health } from "../lib/live";
import { loadHealth } from "../lib/system";
import type { MessageKey } from "../lib/i18n";
import { AdminNav } from "./AdminNav";

const ORDER = ["kafka", "streams", "store", "db", "diskSpace"];

export function SystemPage() {
  const { t, time } = useApp();
  const [health, setHealth] = useState<Health | null>(null);
  const [checkedAt, setCheckedAt] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    const load = () =>
      // Details come from the API (signed in); the public /actuator/health has the status only.
      loadHealth()
        .then((h: Health) => {
          setHealth(h);
          setCheckedAt(Date.now());
          setError(null);
        })
        .catch((e) => setError(e instanceof ApiError ? e : new ApiError(0, t("error.offline"))));
    load();
    const id = window.setInterval(load, 10_000);
    return () => window.clearInterval(id);
  }, [t]);

  const components = Object.entries(health?.components ?? {}).sort(
    ([a], [b]) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99),
  );
  return (
    <div className="page">
      <div className="page-head">
        <div><h1>{t("admin.title")}</h1><p className="muted">{t("system.subtitle")}</p></div>
        {checkedAt && <div className="status-line muted">{t("system.checked", { time: time(checkedAt) })}</div>}
      </div>
      <AdminNav />
      {error && !health ? (
        <ErrorState error={error} />
      ) : !health ? (
        <Loading />
      ) : (
        <>
          <section className={`card overall overall-${health.status.toLowerCase()}`} data-testid="system-overall">
            <span className={`dot ${health.status === "UP" ? "dot-ok" : "dot-bad"}`} aria-hidden />
            <strong>{t("system.overall")}: {health.status}</strong>
            <span className="muted">· {t("system.pipeline")}: {t(`pipeline.${pipelineState(health)}`)}</span>
          </section>
          <section className="components">
            {components.map(([name, c]) => (
              <div key={name} className="card component" data-testid={`component-${name}`}>
                <div className="component-head">
                  <strong>{t(`system.c.${name}` as MessageKey) === `system.c.${name}` ? name : t(`system.c.${name}` as MessageKey)}</strong>
                  <span className={`badge ${c.status === "UP" ? "badge-good" : "badge-bad"}`}>{c.status}</span>
                </div>
                <dl className="details">
                  {Object.entries(c.details ?? {}).map(([k, v]) => (
                    <div key={k}><dt>{k}</dt><dd className="mono">{typeof v === "object" ? JSON.stringify(v) : String(v)}</dd></div>
                  ))}
                </dl>
              </div>
            ))}
          </section>
        </>
      )}
    </div>
  );
}
