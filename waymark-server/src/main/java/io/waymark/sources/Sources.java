package io.waymark.sources;

import io.waymark.vault.MasterKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sources in the metadata database. A run holds its source through {@code running_run_id}, and the
 * scheduler claims a due source by moving {@code next_run_at} on; both are single compare-and-set
 * updates, so two Waymark instances sharing the database never run one source twice.
 */
final class Sources {

  private static final String COLUMNS =
      "id, seq, name, kind, url, auth_header, path, interval_minutes, daily_at, enabled,"
          + " next_run_at, running_run_id, created_by, created_at, updated_at";

  static final String AUTH_HEADER = "sources.auth_header";

  private final JdbcClient jdbc;
  private final MasterKey masterKey;

  Sources(JdbcClient jdbc, MasterKey masterKey) {
    this.jdbc = jdbc;
    this.masterKey = masterKey;
  }

  /**
   * Encrypts authorization headers stored in plain text, each row only if it still holds that value
   * (another instance may be doing the same).
   */
  int encryptPlainAuthHeaders() {
    int n = 0;
    for (var row :
        jdbc.sql("SELECT id, auth_header FROM sources WHERE auth_header IS NOT NULL")
            .query()
            .listOfRows()) {
      String plain = (String) row.get("auth_header");
      if (!MasterKey.isSealed(plain)) {
        n +=
            jdbc.sql("UPDATE sources SET auth_header = ? WHERE id = ? AND auth_header = ?")
                .params(masterKey.seal(plain, AUTH_HEADER), row.get("id"), plain)
                .update();
      }
    }
    return n;
  }

  void create(String id, SourceInput.Valid v, String by, long at, Long nextRunAt) {
    jdbc.sql(
            "INSERT INTO sources (id, name, kind, url, auth_header, path, interval_minutes,"
                + " daily_at, enabled, next_run_at, created_by, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            v.name(),
            v.kind(),
            v.url(),
            masterKey.seal(v.authHeader(), AUTH_HEADER),
            v.path(),
            v.schedule().intervalMinutes(),
            dailyAt(v.schedule()),
            v.enabled(),
            nextRunAt,
            by,
            at,
            at)
        .update();
  }

  boolean replace(String id, SourceInput.Valid v, long at, Long nextRunAt) {
    return jdbc.sql(
                "UPDATE sources SET name = ?, kind = ?, url = ?, auth_header = ?, path = ?,"
                    + " interval_minutes = ?, daily_at = ?, enabled = ?, next_run_at = ?,"
                    + " updated_at = ? WHERE id = ?")
            .params(
                v.name(),
                v.kind(),
                v.url(),
                masterKey.seal(v.authHeader(), AUTH_HEADER),
                v.path(),
                v.schedule().intervalMinutes(),
                dailyAt(v.schedule()),
                v.enabled(),
                nextRunAt,
                at,
                id)
            .update()
        == 1;
  }

  /** Deletes the source and its runs unless a run holds it; false when nothing was deleted. */
  boolean deleteIdle(String id) {
    return jdbc.sql("DELETE FROM sources WHERE id = ? AND running_run_id IS NULL")
            .param(id)
            .update()
        == 1;
  }

  Optional<Source> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM sources WHERE id = ?")
        .param(id)
        .query((rs, n) -> row(rs))
        .optional();
  }

  boolean nameTaken(String name, String exceptId) {
    return jdbc.sql("SELECT COUNT(*) FROM sources WHERE LOWER(name) = LOWER(?) AND id <> ?")
            .params(name, exceptId == null ? "" : exceptId)
            .query(Long.class)
            .single()
        > 0;
  }

  /** Every source, oldest first (a deployment has a handful, not thousands). */
  List<Source> list() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM sources ORDER BY seq")
        .query((rs, n) -> row(rs))
        .list();
  }

  /** Enabled, idle sources whose next run time has come. */
  List<Source> due(long now) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM sources WHERE enabled = TRUE AND running_run_id IS NULL"
                + " AND next_run_at <= ? ORDER BY next_run_at")
        .param(now)
        .query((rs, n) -> row(rs))
        .list();
  }

  /** Holds an idle source for a run started by hand; false when a run already holds it. */
  boolean hold(String id, String runId) {
    return jdbc.sql("UPDATE sources SET running_run_id = ? WHERE id = ? AND running_run_id IS NULL")
            .params(runId, id)
            .update()
        == 1;
  }

  /**
   * Claims a due source for a scheduled run: holds it and moves its next run on, only if no one
   * else did since {@code seenNextRunAt} was read.
   */
  boolean claimDue(String id, String runId, long seenNextRunAt, long nextRunAt) {
    return jdbc.sql(
                "UPDATE sources SET running_run_id = ?, next_run_at = ? WHERE id = ?"
                    + " AND next_run_at = ? AND running_run_id IS NULL AND enabled = TRUE")
            .params(runId, nextRunAt, id, seenNextRunAt)
            .update()
        == 1;
  }

  void release(String id, String runId) {
    jdbc.sql("UPDATE sources SET running_run_id = NULL WHERE id = ? AND running_run_id = ?")
        .params(id, runId)
        .update();
  }

  /** Releases every source: at start, runs of the last process have ended with it. */
  void releaseAll() {
    jdbc.sql("UPDATE sources SET running_run_id = NULL WHERE running_run_id IS NOT NULL").update();
  }

  private static String dailyAt(Schedule s) {
    return s.dailyAt() == null ? null : s.dailyAt().toString();
  }

  private Source row(ResultSet rs) throws SQLException {
    int interval = rs.getInt("interval_minutes");
    Schedule schedule =
        rs.wasNull()
            ? Schedule.dailyAt(LocalTime.parse(rs.getString("daily_at")))
            : Schedule.every(interval);
    long nextRaw = rs.getLong("next_run_at");
    Long next = rs.wasNull() ? null : nextRaw;
    return new Source(
        rs.getString("id"),
        rs.getLong("seq"),
        rs.getString("name"),
        rs.getString("kind"),
        rs.getString("url"),
        masterKey.open(rs.getString("auth_header"), AUTH_HEADER),
        rs.getString("path"),
        schedule,
        rs.getBoolean("enabled"),
        next,
        rs.getString("running_run_id"),
        rs.getString("created_by"),
        rs.getLong("created_at"),
        rs.getLong("updated_at"));
  }
}
