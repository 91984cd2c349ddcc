package io.waymark.exports;

import io.waymark.outbound.Redaction;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Exports and runs as the API shows them. */
final class ExportViews {

  private ExportViews() {}

  /**
   * An export; {@code webhookSecret} only in the answer to its creation; {@code nextRunAt}: when
   * its next scheduled run starts (null when disabled); {@code lastRun}: its newest run.
   */
  record ExportView(
      String id,
      String name,
      List<String> datasets,
      String format,
      String destination,
      String directory,
      String webhookUrl,
      String webhookSecret,
      String scheduleTime,
      boolean enabled,
      String createdBy,
      Instant createdAt,
      Instant updatedAt,
      Instant nextRunAt,
      RunView lastRun) {

    /**
     * {@code admin}: whether the caller sees the webhook URL whole (others: credentials masked).
     */
    static ExportView of(
        ExportConfig c, boolean withSecret, boolean admin, Instant nextRunAt, RunView last) {
      return new ExportView(
          c.id(),
          c.name(),
          c.datasets().stream().map(ExportDataset::wire).toList(),
          c.format().wire(),
          c.destination().name().toLowerCase(java.util.Locale.ROOT),
          c.directory(),
          admin ? c.webhookUrl() : Redaction.url(c.webhookUrl()),
          withSecret ? c.webhookSecret() : null,
          c.scheduleTime().format(ExportInput.HH_MM),
          c.enabled(),
          c.createdBy(),
          Instant.ofEpochMilli(c.createdAt()),
          Instant.ofEpochMilli(c.updatedAt()),
          c.enabled() ? nextRunAt : null,
          last);
    }
  }

  /** All exports. */
  record ExportList(List<ExportView> items) {}

  /** A run: one UTC day, its status, error for the on-call person and files. */
  record RunView(
      String id,
      String exportId,
      LocalDate date,
      String cause,
      String status,
      String requestedBy,
      Instant createdAt,
      Instant startedAt,
      Instant finishedAt,
      Long durationMs,
      String error,
      List<FileView> files) {

    static RunView of(ExportRun r) {
      String base = "/api/v1/exports/" + r.exportId() + "/runs/" + r.id() + "/files/";
      return new RunView(
          r.id(),
          r.exportId(),
          r.date(),
          r.cause().name().toLowerCase(java.util.Locale.ROOT),
          r.status().name().toLowerCase(java.util.Locale.ROOT),
          r.requestedBy(),
          Instant.ofEpochMilli(r.createdAt()),
          r.startedAt() == null ? null : Instant.ofEpochMilli(r.startedAt()),
          r.finishedAt() == null ? null : Instant.ofEpochMilli(r.finishedAt()),
          r.startedAt() == null || r.finishedAt() == null ? null : r.finishedAt() - r.startedAt(),
          r.error(),
          r.files().stream()
              .map(
                  f ->
                      new FileView(
                          f.name(),
                          f.dataset(),
                          f.rows(),
                          f.bytes(),
                          f.delivery(),
                          f.attempts(),
                          f.deliveryError(),
                          base + f.name()))
              .toList());
    }
  }

  /** A file of a run: rows and bytes as written, its delivery and where to download it. */
  record FileView(
      String name,
      String dataset,
      long rows,
      long bytes,
      String delivery,
      int attempts,
      String deliveryError,
      String download) {}

  /** A page of runs, newest first. */
  record RunPage(List<RunView> items, String nextPageToken) {}
}
