package io.waymark.alerts;

import io.waymark.privacy.ErasureSubject;
import io.waymark.privacy.PersonalDataHolder;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A person's alerts in the metadata database, with their webhook deliveries and delivery attempts
 * (the evidence of an alert is its user's events, which the store's erasure removes).
 */
final class AlertPersonalData implements PersonalDataHolder {

  private static final String ALERTS = "SELECT id FROM alerts WHERE user_key IN (:ids)";
  private static final String DELIVERIES =
      "SELECT id FROM webhook_deliveries WHERE alert_id IN (" + ALERTS + ")";

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  AlertPersonalData(JdbcClient jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  @Override
  public String holderName() {
    return "alerts";
  }

  @Override
  public long count(ErasureSubject subject) {
    List<String> ids = subject.identities();
    return count("SELECT count(*) FROM alerts WHERE user_key IN (:ids)", ids)
        + count("SELECT count(*) FROM webhook_deliveries WHERE alert_id IN (" + ALERTS + ")", ids)
        + count(
            "SELECT count(*) FROM webhook_attempts WHERE delivery_id IN (" + DELIVERIES + ")", ids);
  }

  private long count(String sql, List<String> ids) {
    return jdbc.sql(sql).param("ids", ids).query(Long.class).single();
  }

  @Override
  public long erase(ErasureSubject subject) {
    List<String> ids = subject.identities();
    Long deleted =
        tx.execute(
            status ->
                (long)
                        jdbc.sql(
                                "DELETE FROM webhook_attempts WHERE delivery_id IN ("
                                    + DELIVERIES
                                    + ")")
                            .param("ids", ids)
                            .update()
                    + jdbc.sql("DELETE FROM webhook_deliveries WHERE alert_id IN (" + ALERTS + ")")
                        .param("ids", ids)
                        .update()
                    + jdbc.sql("DELETE FROM alerts WHERE user_key IN (:ids)")
                        .param("ids", ids)
                        .update());
    return deleted == null ? 0 : deleted;
  }
}
