package io.waymark.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Erasure requests in the metadata database ({@code erasure_requests}, see V4__privacy.sql). */
final class ErasureRequests {

  private static final String COLUMNS =
      "id, user_id, user_pseudonym, requested_by, requested_at, suppress, status, step, attempts,"
          + " updated_at, finished_at, error, report";

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  ErasureRequests(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(ErasureRequest r) {
    jdbc.sql(
            "INSERT INTO erasure_requests ("
                + COLUMNS
                + ") VALUES (:id, :user, :pseudonym, :by, :at, :suppress, :status, :step, 0, :at,"
                + " NULL, NULL, NULL)")
        .param("id", r.id())
        .param("user", r.userId())
        .param("pseudonym", r.userPseudonym())
        .param("by", r.requestedBy())
        .param("at", r.requestedAt().toEpochMilli())
        .param("suppress", r.suppress())
        .param("status", r.status().name())
        .param("step", r.step())
        .update();
  }

  Optional<ErasureRequest> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM erasure_requests WHERE id = :id")
        .param("id", id)
        .query(this::row)
        .optional();
  }

  /** The request still pending or running for the user of this pseudonym, if any. */
  Optional<ErasureRequest> openFor(String pseudonym) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM erasure_requests WHERE user_pseudonym = :user AND status IN ('PENDING',"
                + " 'RUNNING') ORDER BY requested_at LIMIT 1")
        .param("user", pseudonym)
        .query(this::row)
        .optional();
  }

  List<ErasureRequest> open() {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM erasure_requests WHERE status IN ('PENDING', 'RUNNING') ORDER BY"
                + " requested_at")
        .query(this::row)
        .list();
  }

  /** Newest first; {@code pseudonym} filters by the user's pseudonym when not null. */
  List<ErasureRequest> list(String pseudonym, Long beforeMillis, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM erasure_requests WHERE (:user IS NULL OR user_pseudonym = :user) AND"
                + " (:before IS NULL OR requested_at < :before) ORDER BY requested_at DESC, id"
                + " LIMIT :limit")
        .param("user", pseudonym)
        .param("before", beforeMillis)
        .param("limit", limit)
        .query(this::row)
        .list();
  }

  void progress(String id, ErasureRequest.Status status, String step, Instant at) {
    jdbc.sql(
            "UPDATE erasure_requests SET status = :status, step = :step, updated_at = :at WHERE"
                + " id = :id")
        .param("id", id)
        .param("status", status.name())
        .param("step", step)
        .param("at", at.toEpochMilli())
        .update();
  }

  void started(String id, Instant at) {
    jdbc.sql(
            "UPDATE erasure_requests SET status = 'RUNNING', attempts = attempts + 1, error ="
                + " NULL, updated_at = :at WHERE id = :id")
        .param("id", id)
        .param("at", at.toEpochMilli())
        .update();
  }

  /** Records the end of an attempt; {@code finishedAt} null when another attempt follows. */
  void finished(
      String id,
      ErasureRequest.Status status,
      String step,
      String error,
      ErasureReport report,
      Instant at,
      Instant finishedAt) {
    jdbc.sql(
            "UPDATE erasure_requests SET status = :status, step = :step, error = :error, report ="
                + " :report, updated_at = :at, finished_at = :finished,"
                + " identities = CASE WHEN :finished IS NULL THEN identities END WHERE id = :id")
        .param("id", id)
        .param("status", status.name())
        .param("step", step)
        .param("error", error == null ? null : truncate(error))
        .param("report", report == null ? null : write(report))
        .param("at", at.toEpochMilli())
        .param("finished", finishedAt == null ? null : finishedAt.toEpochMilli())
        .update();
  }

  /**
   * The erasure is verified: the request forgets the user id and the identities, keeping the
   * pseudonym (the file is rewritten next, so no old version of the row keeps them either).
   */
  void forget(String id, String step, ErasureReport report, Instant at) {
    jdbc.sql(
            "UPDATE erasure_requests SET user_id = NULL, identities = NULL, step = :step,"
                + " report = :report, updated_at = :at WHERE id = :id")
        .param("id", id)
        .param("step", step)
        .param("report", write(report))
        .param("at", at.toEpochMilli())
        .update();
  }

  /**
   * Requests written before pseudonyms (V12): gives each its pseudonym and makes the completed ones
   * forget their user id; returns how many rows changed.
   */
  int pseudonymiseEarlier(java.util.function.UnaryOperator<String> pseudonym) {
    List<String[]> rows =
        jdbc.sql(
                "SELECT id, user_id, status FROM erasure_requests WHERE user_pseudonym IS NULL"
                    + " AND user_id IS NOT NULL")
            .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
            .list();
    for (String[] r : rows) {
      boolean done = ErasureRequest.Status.valueOf(r[2]) == ErasureRequest.Status.COMPLETED;
      jdbc.sql(
              "UPDATE erasure_requests SET user_pseudonym = :p, user_id = CASE WHEN :done THEN"
                  + " NULL ELSE user_id END, identities = CASE WHEN :done THEN NULL ELSE"
                  + " identities END WHERE id = :id")
          .param("p", pseudonym.apply(r[1]))
          .param("done", done)
          .param("id", r[0])
          .update();
    }
    return rows.size();
  }

  /** The identities an earlier attempt resolved, if any. */
  List<String> identities(String id) {
    String text =
        jdbc.sql("SELECT identities FROM erasure_requests WHERE id = :id")
            .param("id", id)
            .query(String.class)
            .optional()
            .orElse(null);
    return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }

  void identities(String id, List<String> identities) {
    jdbc.sql("UPDATE erasure_requests SET identities = :ids WHERE id = :id")
        .param("id", id)
        .param("ids", String.join("\n", identities))
        .update();
  }

  private static String truncate(String s) {
    return s.length() <= 2000 ? s : s.substring(0, 2000);
  }

  private String write(ErasureReport report) {
    try {
      return json.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an erasure report", e);
    }
  }

  private ErasureReport read(String text) {
    if (text == null) {
      return null;
    }
    try {
      return json.readValue(text, ErasureReport.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read an erasure report: " + e.getMessage(), e);
    }
  }

  private ErasureRequest row(ResultSet rs, int n) throws SQLException {
    long finished = rs.getLong("finished_at");
    boolean noFinish = rs.wasNull();
    return new ErasureRequest(
        rs.getString("id"),
        rs.getString("user_id"),
        rs.getString("user_pseudonym"),
        rs.getString("requested_by"),
        Instant.ofEpochMilli(rs.getLong("requested_at")),
        rs.getBoolean("suppress"),
        ErasureRequest.Status.valueOf(rs.getString("status")),
        rs.getString("step"),
        rs.getInt("attempts"),
        Instant.ofEpochMilli(rs.getLong("updated_at")),
        noFinish ? null : Instant.ofEpochMilli(finished),
        rs.getString("error"),
        read(rs.getString("report")));
  }
}
