package io.waymark.alerts;

import io.waymark.platform.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Fired alerts in the metadata database: stored once by id, listed newest first, acknowledged. */
class AlertStore {

  private static final String COLUMNS =
      "id, rule_id, rule_revision, rule_name, kind, severity, user_key, trigger_event_id,"
          + " triggered_at, detected_at, stored_at, window_start, window_end, window_ms, observed,"
          + " threshold, event_count, event_type, message, status, acknowledged_by,"
          + " acknowledged_at, note";

  private final JdbcClient jdbc;

  AlertStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored alert with its acknowledgement. */
  record Stored(
      Alert alert,
      long storedAt,
      String status,
      String acknowledgedBy,
      Long acknowledgedAt,
      String note) {}

  /** What to list: every part is optional. */
  record Filter(
      String status,
      Integer ruleId,
      String userKey,
      Severity minSeverity,
      Long since,
      Long until) {}

  /** Stores the alert unless it is there already; true when it was new. */
  boolean save(Alert a, long storedAt) {
    if (find(a.id()).isPresent()) {
      return false;
    }
    try {
      jdbc.sql("INSERT INTO alerts (" + COLUMNS + ") VALUES (" + "?, ".repeat(22) + "?)")
          .params(
              a.id().toString(),
              a.ruleId(),
              a.ruleRevision(),
              a.ruleName(),
              a.kind().name(),
              a.severity().name(),
              a.userKey(),
              a.triggerEventId().toString(),
              a.triggeredAt(),
              a.detectedAt(),
              storedAt,
              a.windowStart(),
              a.windowEnd(),
              a.windowMillis(),
              a.observed(),
              a.threshold(),
              a.eventCount(),
              a.eventType(),
              a.message().length() > 1000 ? a.message().substring(0, 1000) : a.message(),
              "open",
              null,
              null,
              null)
          .update();
      return true;
    } catch (DuplicateKeyException raced) {
      return false;
    }
  }

  Optional<Stored> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM alerts WHERE id = ?")
        .param(id.toString())
        .query(AlertStore::row)
        .optional();
  }

  /** Newest first; {@code before} is the detected_at/id cursor of the last item of a page. */
  List<Stored> list(Filter f, Long beforeDetected, String beforeId, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alerts WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (f.status() != null) {
      sql.append(" AND status = ?");
      args.add(f.status());
    }
    if (f.ruleId() != null) {
      sql.append(" AND rule_id = ?");
      args.add(f.ruleId());
    }
    if (f.userKey() != null) {
      sql.append(" AND user_key = ?");
      args.add(f.userKey());
    }
    if (f.minSeverity() != null) {
      List<String> levels = new ArrayList<>();
      for (Severity s : Severity.values()) {
        if (s.compareTo(f.minSeverity()) >= 0) {
          levels.add("'" + s.name() + "'");
        }
      }
      sql.append(" AND severity IN (").append(String.join(", ", levels)).append(")");
    }
    if (f.since() != null) {
      sql.append(" AND detected_at >= ?");
      args.add(f.since());
    }
    if (f.until() != null) {
      sql.append(" AND detected_at < ?");
      args.add(f.until());
    }
    if (beforeDetected != null) {
      sql.append(" AND (detected_at < ? OR (detected_at = ? AND id < ?))");
      args.add(beforeDetected);
      args.add(beforeDetected);
      args.add(beforeId);
    }
    sql.append(" ORDER BY detected_at DESC, id DESC LIMIT ").append(limit);
    return jdbc.sql(sql.toString()).params(args).query(AlertStore::row).list();
  }

  Stored acknowledge(UUID id, String by, String note, long at) {
    int n =
        jdbc.sql(
                "UPDATE alerts SET status = 'acknowledged', acknowledged_by = ?,"
                    + " acknowledged_at = ?, note = ? WHERE id = ? AND status = 'open'")
            .params(by, at, note, id.toString())
            .update();
    Stored s = find(id).orElseThrow(() -> notFound(id));
    if (n == 0 && !"acknowledged".equals(s.status())) {
      throw new ApiException(409, "status", "alert " + id + " is " + s.status());
    }
    return s;
  }

  long countOpen() {
    return jdbc.sql("SELECT COUNT(*) FROM alerts WHERE status = 'open'").query(Long.class).single();
  }

  static ApiException notFound(UUID id) {
    return ApiException.notFound("id", "no alert " + id + "; GET /api/v1/alerts lists them");
  }

  private static Stored row(ResultSet rs, int n) throws SQLException {
    Alert a =
        new Alert(
            UUID.fromString(rs.getString("id")),
            rs.getInt("rule_id"),
            rs.getInt("rule_revision"),
            rs.getString("rule_name"),
            RuleKind.valueOf(rs.getString("kind")),
            Severity.valueOf(rs.getString("severity")),
            rs.getString("user_key"),
            UUID.fromString(rs.getString("trigger_event_id")),
            rs.getLong("triggered_at"),
            rs.getLong("detected_at"),
            rs.getLong("window_start"),
            rs.getLong("window_end"),
            rs.getLong("window_ms"),
            rs.getDouble("observed"),
            rs.getDouble("threshold"),
            rs.getLong("event_count"),
            rs.getString("event_type"),
            rs.getString("message"));
    long ackAt = rs.getLong("acknowledged_at");
    return new Stored(
        a,
        rs.getLong("stored_at"),
        rs.getString("status"),
        rs.getString("acknowledged_by"),
        rs.wasNull() ? null : ackAt,
        rs.getString("note"));
  }
}
