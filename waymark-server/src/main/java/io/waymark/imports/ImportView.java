package io.waymark.imports;

import java.time.Instant;
import java.util.List;

/** An import job as the API shows it. */
record ImportView(
    String id,
    String kind,
    String status,
    String fileName,
    long bytes,
    long bytesRead,
    double percent,
    long rowsRead,
    long rowsAccepted,
    long rowsQuarantined,
    String createdBy,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Long elapsedMs,
    Double rowsPerSecond,
    String failure,
    String quarantineSource,
    List<ImportJob.RowError> errors) {

  static ImportView of(ImportJob j) {
    double percent =
        j.status() == ImportJob.Status.COMPLETED
            ? 100
            : j.bytesTotal() == 0
                ? 0
                : Math.floor(Math.min(100.0, 100.0 * j.bytesRead() / j.bytesTotal()) * 10) / 10;
    Double rate =
        j.elapsedMillis() == null || j.elapsedMillis() == 0
            ? null
            : Math.round(j.rowsRead() * 1000.0 / j.elapsedMillis() * 10) / 10.0;
    return new ImportView(
        j.id(),
        j.kind().apiName(),
        j.status().name().toLowerCase(java.util.Locale.ROOT),
        j.fileName(),
        j.bytesTotal(),
        j.bytesRead(),
        percent,
        j.rowsRead(),
        j.rowsAccepted(),
        j.rowsQuarantined(),
        j.createdBy(),
        Instant.ofEpochMilli(j.createdAt()),
        j.startedAt() == null ? null : Instant.ofEpochMilli(j.startedAt()),
        j.finishedAt() == null ? null : Instant.ofEpochMilli(j.finishedAt()),
        j.elapsedMillis(),
        rate,
        j.failure(),
        j.source(),
        j.errors());
  }
}
