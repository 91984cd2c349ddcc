import { useState } from "react";
import { Field } from "../components/Field";
import { Empty, ErrorState, Loading } from "../components/States";
import { useApp } from "../context";
import { api, query } from "../lib/api";
import { asOfEndOfDay, describeChanges, segmentKey, type CustomerHistory, type CustomerVersion } from "../lib/customers";
import { useFetch } from "../lib/useFetch";

/** The unified customer profile of a user: current or as of a day, and its version history. */
export function CustomerPanel({ id }: { id: string }) {
  const { t, prefs } = useApp();
  const [day, setDay] = useState("");
  const asOf = day ? asOfEndOfDay(day, prefs.timeMode) : null;
  const path = `/api/v1/customers/${encodeURIComponent(id)}`;
  const customer = useFetch(`customer:${id}:${asOf ?? "now"}`, (signal) =>
    api.get<CustomerVersion>(`${path}${asOf ? query({ as_of: asOf }) : ""}`, { signal }),
  );
  const history = useFetch(`customer-history:${id}`, (signal) => api.get<CustomerHistory>(`${path}/history`, { signal }));

  return (
    <section className="card" data-testid="customer">
      <div className="section-head">
        <div>
          <h2>{t("customer.title")}</h2>
          <span className="muted small">{t("customer.hint")}</span>
        </div>
        <div className="period">
          <Field id="customer-as-of" label={t("customer.asOf")} error={customer.error?.reasonFor("as_of")}>
            <input id="customer-as-of" type="date" value={day} onChange={(e) => setDay(e.target.value)} data-testid="customer-as-of" />
          </Field>
          {day && (
            <button className="btn" type="button" onClick={() => setDay("")} data-testid="customer-now">
              {t("customer.asOfCurrent")}
            </button>
          )}
        </div>
      </div>
      {customer.loading ? (
        <Loading />
      ) : customer.error?.status === 404 ? (
        <Empty title={asOf ? t("customer.noVersion") : t("customer.none")}>{customer.error.problems[0]?.reason ?? t("customer.noneHint")}</Empty>
      ) : customer.error ? (
        <ErrorState error={customer.error} onRetry={customer.reload} />
      ) : customer.data ? (
        <CustomerFacts v={customer.data} />
      ) : null}
      {history.data && history.data.items.length > 0 && (
        <>
          <h3>{t("customer.history")}</h3>
          <ol className="history" data-testid="customer-history">
            {history.data.items.map((h, i, all) => (
              <li key={h.version}>
                <VersionLine n={h.version} from={h.valid_from} to={h.valid_to} />
                <span className="muted"> — {describeChanges(h, i === all.length - 1, t)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function VersionLine({ n, from, to }: { n: number; from: string; to?: string | null }) {
  const { t, dateTime } = useApp();
  return (
    <strong>
      {to ? t("customer.versionEnded", { n, from: dateTime(from), to: dateTime(to) }) : t("customer.version", { n, from: dateTime(from) })}
    </strong>
  );
}

function CustomerFacts({ v }: { v: CustomerVersion }) {
  const { t, number, money, dateTime } = useApp();
  const p = v.profile;
  const none = <span className="muted">{t("customer.nothing")}</span>;
  const when = (s?: string | null) => (s ? dateTime(s) : none);
  return (
    <>
      <p className="muted small" data-testid="customer-version">
        <VersionLine n={v.version} from={v.valid_from} to={v.valid_to} />
      </p>
      <p data-testid="customer-segments">
        {p.segments.length === 0
          ? none
          : p.segments.map((s) => {
              const key = segmentKey(s);
              return (
                <span key={s} className="badge badge-type">
                  {key ? t(key) : s}
                </span>
              );
            })}
      </p>
      <dl className="facts">
        <div><dt>{t("customer.orders")}</dt><dd data-testid="customer-orders">{number(p.orders)}</dd></div>
        <div><dt>{t("customer.revenue")}</dt><dd data-testid="customer-revenue">{money(p.lifetime_revenue, p.currency)}</dd></div>
        <div><dt>{t("customer.averageOrder")}</dt><dd>{p.average_order_value == null ? none : money(p.average_order_value, p.currency)}</dd></div>
        <div><dt>{t("customer.refunds")}</dt><dd>{number(p.refunds)} · {money(p.refunded_amount, p.currency)}</dd></div>
        <div><dt>{t("customer.failedPayments")}</dt><dd>{number(p.failed_payments)}</dd></div>
        <div><dt>{t("customer.lastPurchase")}</dt><dd>{when(p.last_purchase)}</dd></div>
        <div><dt>{t("customer.sessions30d")}</dt><dd>{number(p.sessions_30d)} / {number(p.sessions_total)}</dd></div>
        <div><dt>{t("customer.events30d")}</dt><dd>{number(p.events_30d)} / {number(p.events_total)}</dd></div>
        <div><dt>{t("customer.tickets")}</dt><dd>{t("customer.ticketsValue", { total: number(p.tickets_total), open: number(p.tickets_open) })}</dd></div>
        <div><dt>{t("customer.satisfaction")}</dt><dd>{p.average_satisfaction == null ? none : t("customer.satisfactionValue", { n: number(p.average_satisfaction) })}</dd></div>
        <div><dt>{t("customer.firstSeen")}</dt><dd>{when(p.first_seen)}</dd></div>
        <div><dt>{t("customer.lastSeen")}</dt><dd>{when(p.last_seen)}</dd></div>
        <div className="fact-wide"><dt>{t("customer.categories")}</dt><dd data-testid="customer-categories">{p.favourite_categories.length ? p.favourite_categories.join(", ") : none}</dd></div>
        <div className="fact-wide"><dt>{t("customer.linkedIds")}</dt><dd className="mono">{p.linked_anonymous_ids.length ? p.linked_anonymous_ids.join(", ") : none}</dd></div>
      </dl>
    </>
  );
}
