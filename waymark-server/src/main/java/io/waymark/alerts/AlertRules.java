package io.waymark.alerts;

import io.waymark.platform.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The alert rules: stored in the metadata database, and kept as an immutable snapshot of the
 * enabled ones that the stream processor reads on every event. Changes made here apply at once;
 * changes made by other instances arrive with the periodic {@link #refresh()}.
 */
public class AlertRules {

  private static final Logger log = LoggerFactory.getLogger(AlertRules.class);
  private static final String COLUMNS =
      "id, revision, name, description, kind, threshold, window_ms, event_type, currency,"
          + " severity, enabled, created_at, updated_at";

  private final JdbcClient jdbc;
  private final Clock clock;
  private volatile List<AlertRule> enabled = List.of();

  public AlertRules(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    refresh();
  }

  /** The enabled rules, for the stream processor (an immutable snapshot; cheap to call). */
  public List<AlertRule> enabled() {
    return enabled;
  }

  /** Reloads the snapshot from the database. */
  public void refresh() {
    try {
      enabled =
          List.copyOf(
              jdbc.sql("SELECT " + COLUMNS + " FROM alert_rules WHERE enabled ORDER BY id")
                  .query(AlertRules::row)
                  .list());
    } catch (RuntimeException e) {
      log.warn(
          "could not reload alert rules from the metadata database ({}); keeping the {} rules"
              + " loaded before. Check the database connection.",
          e.getMessage(),
          enabled.size());
    }
  }

  List<AlertRule> list() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM alert_rules ORDER BY id")
        .query(AlertRules::row)
        .list();
  }

  Optional<AlertRule> find(int id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM alert_rules WHERE id = ?")
        .param(id)
        .query(AlertRules::row)
        .optional();
  }

  AlertRule create(RuleInput.Valid r) {
    Timestamp now = Timestamp.from(clock.instant());
    try {
      jdbc.sql(
              "INSERT INTO alert_rules (revision, name, description, kind, threshold, window_ms,"
                  + " event_type, currency, severity, enabled, created_at, updated_at)"
                  + " VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              r.name(),
              r.description(),
              r.kind().name(),
              r.threshold(),
              r.window().toMillis(),
              r.eventType(),
              r.currency(),
              r.severity().name(),
              r.enabled(),
              now,
              now)
          .update();
    } catch (DuplicateKeyException e) {
      throw duplicate(r.name());
    }
    refresh();
    return jdbc.sql("SELECT " + COLUMNS + " FROM alert_rules WHERE name = ?")
        .param(r.name())
        .query(AlertRules::row)
        .single();
  }

  AlertRule update(int id, RuleInput.Valid r) {
    int n;
    try {
      n =
          jdbc.sql(
                  "UPDATE alert_rules SET revision = revision + 1, name = ?, description = ?,"
                      + " kind = ?, threshold = ?, window_ms = ?, event_type = ?, currency = ?,"
                      + " severity = ?, enabled = ?, updated_at = ? WHERE id = ?")
              .params(
                  r.name(),
                  r.description(),
                  r.kind().name(),
                  r.threshold(),
                  r.window().toMillis(),
                  r.eventType(),
                  r.currency(),
                  r.severity().name(),
                  r.enabled(),
                  Timestamp.from(clock.instant()),
                  id)
              .update();
    } catch (DuplicateKeyException e) {
      throw duplicate(r.name());
    }
    if (n == 0) {
      throw notFound(id);
    }
    refresh();
    return find(id).orElseThrow(() -> notFound(id));
  }

  void delete(int id) {
    if (jdbc.sql("DELETE FROM alert_rules WHERE id = ?").param(id).update() == 0) {
      throw notFound(id);
    }
    refresh();
  }

  static ApiException notFound(int id) {
    return ApiException.notFound(
        "id", "no alert rule " + id + "; GET /api/v1/alert-rules lists them");
  }

  private static ApiException duplicate(String name) {
    return new ApiException(
        409, "name", "a rule named \"" + name + "\" exists already; choose another name");
  }

  private static AlertRule row(ResultSet rs, int n) throws SQLException {
    return new AlertRule(
        rs.getInt("id"),
        rs.getInt("revision"),
        rs.getString("name"),
        rs.getString("description"),
        RuleKind.valueOf(rs.getString("kind")),
        rs.getDouble("threshold"),
        Duration.ofMillis(rs.getLong("window_ms")),
        rs.getString("event_type"),
        rs.getString("currency"),
        Severity.valueOf(rs.getString("severity")),
        rs.getBoolean("enabled"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
