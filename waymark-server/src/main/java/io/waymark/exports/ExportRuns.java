package io.waymark.exports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Export runs in the metadata database. A scheduled run is claimed by inserting it with its
 * scheduled day under a unique key: of several instances inserting the same (export, day), exactly
 * one succeeds and runs it.
 */
final class ExportRuns {

  private static final String COLUMNS =
      "id, seq, export_id, run_date, cause, status, owner, requested_by, created_at, started_at,"
          + " finished_at, error";

  private final JdbcClient jdbc;
  private final String owner;

  ExportRuns(JdbcClient jdbc, String owner) {
    this.jdbc = jdbc;
    this.owner = owner;
  }

  /** Claims the scheduled run of {@code exportId} for {@code day}; empty if already claimed. */
  Optional<String> claimScheduled(String exportId, LocalDate day, long at) {
    String id = UUID.randomUUID().toString();
    try {
      insert(id, exportId, day, ExportRun.Cause.SCHEDULE, day, "schedule", at);
      return Optional.of(id);
    } catch (DuplicateKeyException e) {
      return Optional.empty();
    }
  }

  /** Whether the scheduled run of (export, day) was claimed by anyone. */
  boolean claimed(String exportId, LocalDate day) {
    return jdbc.sql("SELECT count(*) FROM export_runs WHERE export_id = ? AND scheduled_date = ?")
            .params(exportId, day.toString())
            .query(Long.class)
            .single()
        > 0;
  }

  String createManual(String exportId, LocalDate day, String by, long at) {
    String id = UUID.randomUUID().toString();
    insert(id, exportId, day, ExportRun.Cause.MANUAL, null, by, at);
    return id;
  }

  private void insert(
      String id,
      String exportId,
      LocalDate day,
      ExportRun.Cause cause,
      LocalDate scheduled,
      String by,
      long at) {
    jdbc.sql(
            "INSERT INTO export_runs (id, export_id, run_date, cause, scheduled_date, status,"
                + " owner, requested_by, created_at) VALUES (?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?)")
        .params(
            id,
            exportId,
            day.toString(),
            cause.name(),
            scheduled == null ? null : scheduled.toString(),
            owner,
            by,
            at)
        .update();
  }

  void started(String id, long at) {
    jdbc.sql("UPDATE export_runs SET status = 'RUNNING', started_at = ? WHERE id = ?")
        .params(at, id)
        .update();
  }

  void file(String runId, ExportRun.File f) {
    jdbc.sql("DELETE FROM export_run_files WHERE run_id = ? AND name = ?")
        .params(runId, f.name())
        .update();
    jdbc.sql(
            "INSERT INTO export_run_files (run_id, name, dataset, row_count, bytes, delivery,"
                + " attempts, delivery_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            runId,
            f.name(),
            f.dataset(),
            f.rows(),
            f.bytes(),
            f.delivery(),
            f.attempts(),
            f.deliveryError() == null ? null : cut(f.deliveryError()))
        .update();
  }

  void finished(String id, ExportRun.Status status, long at, String error) {
    jdbc.sql("UPDATE export_runs SET status = ?, finished_at = ?, error = ? WHERE id = ?")
        .params(status.name(), at, error == null ? null : cut(error), id)
        .update();
  }

  /** Marks this instance's queued or running runs failed: it stopped before they ended. */
  int failInterrupted(long at) {
    return jdbc.sql(
            "UPDATE export_runs SET status = 'FAILED', finished_at = ?, error = ? WHERE owner = ?"
                + " AND status IN ('QUEUED', 'RUNNING')")
        .params(
            at,
            "interrupted: Waymark stopped before this run ended. Trigger the date again"
                + " (POST /api/v1/exports/{id}/runs?date=...); a re-run replaces the day's files",
            owner)
        .update();
  }

  Optional<ExportRun> find(String exportId, String runId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM export_runs WHERE id = ? AND export_id = ?")
        .params(runId, exportId)
        .query((rs, n) -> row(rs, files(rs.getString("id"))))
        .optional();
  }

  /** Runs of an export newest first, with a sequence number below {@code beforeSeq}. */
  List<ExportRun> list(String exportId, Long beforeSeq, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM export_runs WHERE export_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?")
        .params(exportId, beforeSeq == null ? Long.MAX_VALUE : beforeSeq, limit)
        .query((rs, n) -> row(rs, files(rs.getString("id"))))
        .list();
  }

  /** The newest run of an export, if any. */
  Optional<ExportRun> latest(String exportId) {
    return list(exportId, null, 1).stream().findFirst();
  }

  void deleteOf(String exportId) {
    jdbc.sql(
            "DELETE FROM export_run_files WHERE run_id IN"
                + " (SELECT id FROM export_runs WHERE export_id = ?)")
        .param(exportId)
        .update();
    jdbc.sql("DELETE FROM export_runs WHERE export_id = ?").param(exportId).update();
  }

  private List<ExportRun.File> files(String runId) {
    return jdbc.sql(
            "SELECT name, dataset, row_count, bytes, delivery, attempts, delivery_error"
                + " FROM export_run_files WHERE run_id = ? ORDER BY name")
        .param(runId)
        .query(
            (rs, n) ->
                new ExportRun.File(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getString(5),
                    rs.getInt(6),
                    rs.getString(7)))
        .list();
  }

  private static ExportRun row(ResultSet rs, List<ExportRun.File> files) throws SQLException {
    return new ExportRun(
        rs.getString("id"),
        rs.getLong("seq"),
        rs.getString("export_id"),
        LocalDate.parse(rs.getString("run_date")),
        ExportRun.Cause.valueOf(rs.getString("cause")),
        ExportRun.Status.valueOf(rs.getString("status")),
        rs.getString("owner"),
        rs.getString("requested_by"),
        rs.getLong("created_at"),
        nullable(rs, "started_at"),
        nullable(rs, "finished_at"),
        rs.getString("error"),
        files);
  }

  private static Long nullable(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static String cut(String s) {
    return s.length() <= 2000 ? s : s.substring(0, 2000);
  }
}
