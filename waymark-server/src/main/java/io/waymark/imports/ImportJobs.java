package io.waymark.imports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Import jobs in the metadata database: created, moved along, listed newest first. */
final class ImportJobs {

  private static final String COLUMNS =
      "id, seq, kind, status, file_name, bytes_total, bytes_read, rows_read, rows_accepted,"
          + " rows_quarantined, created_by, created_at, started_at, finished_at, elapsed_ms, failure";

  private final JdbcClient jdbc;

  ImportJobs(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void create(String id, ImportKind kind, String fileName, long bytes, String by, long at) {
    jdbc.sql(
            "INSERT INTO import_jobs (id, kind, status, file_name, bytes_total, bytes_read,"
                + " rows_read, rows_accepted, rows_quarantined, created_by, created_at)"
                + " VALUES (?, ?, 'QUEUED', ?, ?, 0, 0, 0, 0, ?, ?)")
        .params(id, kind.name(), fileName, bytes, by, at)
        .update();
  }

  void started(String id, long at) {
    jdbc.sql("UPDATE import_jobs SET status = 'RUNNING', started_at = ? WHERE id = ?")
        .params(at, id)
        .update();
  }

  /** The counts so far, and the row errors found since the last call. */
  void progress(String id, ImportProgress p) {
    jdbc.sql(
            "UPDATE import_jobs SET bytes_read = ?, rows_read = ?, rows_accepted = ?,"
                + " rows_quarantined = ? WHERE id = ?")
        .params(p.bytesRead(), p.rowsRead(), p.accepted(), p.quarantined(), id)
        .update();
    List<ImportProgress.Numbered> errors = p.drainErrors();
    for (ImportProgress.Numbered e : errors) {
      jdbc.sql(
              "INSERT INTO import_errors (import_id, position, row_number, field, reason)"
                  + " VALUES (?, ?, ?, ?, ?)")
          .params(
              id,
              e.position(),
              e.error().row(),
              cut(e.error().field(), 200),
              cut(e.error().reason(), 1000))
          .update();
    }
  }

  void finished(String id, ImportJob.Status status, long at, long elapsedMillis, String failure) {
    jdbc.sql(
            "UPDATE import_jobs SET status = ?, finished_at = ?, elapsed_ms = ?, failure = ?"
                + " WHERE id = ?")
        .params(status.name(), at, elapsedMillis, failure == null ? null : cut(failure, 2000), id)
        .update();
  }

  /**
   * Marks every job that was queued or running as failed: its process stopped before it ended.
   * Returns how many.
   */
  int failInterrupted(long at) {
    return jdbc.sql(
            "UPDATE import_jobs SET status = 'FAILED', finished_at = ?, failure = ? WHERE status IN"
                + " ('QUEUED', 'RUNNING')")
        .params(
            at,
            "interrupted: Waymark stopped before this import ended. Rows written before the stop"
                + " are kept; import the file again to finish (re-importing is idempotent)")
        .update();
  }

  Optional<ImportJob> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM import_jobs WHERE id = ?")
        .param(id)
        .query((rs, n) -> row(rs, errors(rs.getString("id"))))
        .optional();
  }

  /** Jobs newest first, with a sequence number below {@code beforeSeq} (null: from the newest). */
  List<ImportJob> list(Long beforeSeq, int limit) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM import_jobs WHERE seq < ? ORDER BY seq DESC LIMIT ?")
        .params(beforeSeq == null ? Long.MAX_VALUE : beforeSeq, limit)
        .query((rs, n) -> row(rs, List.of()))
        .list();
  }

  private List<ImportJob.RowError> errors(String id) {
    return jdbc.sql(
            "SELECT row_number, field, reason FROM import_errors WHERE import_id = ?"
                + " ORDER BY position")
        .param(id)
        .query((rs, n) -> new ImportJob.RowError(rs.getLong(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  private static ImportJob row(ResultSet rs, List<ImportJob.RowError> errors) throws SQLException {
    return new ImportJob(
        rs.getString("id"),
        rs.getLong("seq"),
        ImportKind.valueOf(rs.getString("kind")),
        ImportJob.Status.valueOf(rs.getString("status")),
        rs.getString("file_name"),
        rs.getLong("bytes_total"),
        rs.getLong("bytes_read"),
        rs.getLong("rows_read"),
        rs.getLong("rows_accepted"),
        rs.getLong("rows_quarantined"),
        rs.getString("created_by"),
        rs.getLong("created_at"),
        nullable(rs, "started_at"),
        nullable(rs, "finished_at"),
        nullable(rs, "elapsed_ms"),
        rs.getString("failure"),
        errors);
  }

  private static Long nullable(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
