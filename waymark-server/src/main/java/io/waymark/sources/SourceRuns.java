package io.waymark.sources;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Runs of sources in the metadata database, newest first per source. */
final class SourceRuns {

  private static final String COLUMNS =
      "id, seq, source_id, triggered_by, status, started_at, finished_at, files, bytes,"
          + " rows_read, rows_accepted, rows_quarantined, import_ids, error";

  private final JdbcClient jdbc;

  SourceRuns(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void start(String id, String sourceId, String triggeredBy, long at) {
    jdbc.sql(
            "INSERT INTO source_runs (id, source_id, triggered_by, status, started_at, files,"
                + " bytes, rows_read, rows_accepted, rows_quarantined, import_ids)"
                + " VALUES (?, ?, ?, 'RUNNING', ?, 0, 0, 0, 0, 0, '')")
        .params(id, sourceId, triggeredBy, at)
        .update();
  }

  /** The files fetched and their size, once the fetch is done. */
  void fetched(String id, int files, long bytes) {
    jdbc.sql("UPDATE source_runs SET files = ?, bytes = ? WHERE id = ?")
        .params(files, bytes, id)
        .update();
  }

  /** Adds the import job started for the run's next file. */
  void importStarted(String id, String importId) {
    jdbc.sql(
            "UPDATE source_runs SET import_ids = CASE WHEN import_ids = '' THEN ? ELSE"
                + " import_ids || ',' || ? END WHERE id = ?")
        .params(importId, importId, id)
        .update();
  }

  /** The counts of the run's imports that have ended. */
  void counted(String id, long read, long accepted, long quarantined) {
    jdbc.sql(
            "UPDATE source_runs SET rows_read = ?, rows_accepted = ?, rows_quarantined = ?"
                + " WHERE id = ?")
        .params(read, accepted, quarantined, id)
        .update();
  }

  void finish(String id, SourceRun.Status status, long at, String error) {
    jdbc.sql("UPDATE source_runs SET status = ?, finished_at = ?, error = ? WHERE id = ?")
        .params(status.name(), at, error == null ? null : cut(error, 2000), id)
        .update();
  }

  /** Marks runs of a stopped process as failed; returns how many. */
  int failInterrupted(long at) {
    return jdbc.sql(
            "UPDATE source_runs SET status = 'FAILED', finished_at = ?, error = ? WHERE status ="
                + " 'RUNNING'")
        .params(
            at,
            "interrupted: Waymark stopped during this run. Rows imported before the stop are kept;"
                + " run the source again (re-importing is idempotent)")
        .update();
  }

  Optional<SourceRun> find(String sourceId, String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM source_runs WHERE id = ? AND source_id = ?")
        .params(id, sourceId)
        .query((rs, n) -> row(rs))
        .optional();
  }

  /** A source's runs newest first, with a sequence number below {@code beforeSeq} (null: all). */
  List<SourceRun> list(String sourceId, Long beforeSeq, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM source_runs WHERE source_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?")
        .params(sourceId, beforeSeq == null ? Long.MAX_VALUE : beforeSeq, limit)
        .query((rs, n) -> row(rs))
        .list();
  }

  Optional<SourceRun> latest(String sourceId) {
    return list(sourceId, null, 1).stream().findFirst();
  }

  private static SourceRun row(ResultSet rs) throws SQLException {
    long finished = rs.getLong("finished_at");
    Long finishedAt = rs.wasNull() ? null : finished;
    String ids = rs.getString("import_ids");
    return new SourceRun(
        rs.getString("id"),
        rs.getLong("seq"),
        rs.getString("source_id"),
        rs.getString("triggered_by"),
        SourceRun.Status.valueOf(rs.getString("status")),
        rs.getLong("started_at"),
        finishedAt,
        rs.getInt("files"),
        rs.getLong("bytes"),
        rs.getLong("rows_read"),
        rs.getLong("rows_accepted"),
        rs.getLong("rows_quarantined"),
        ids.isEmpty() ? List.of() : Arrays.asList(ids.split(",")),
        rs.getString("error"));
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
