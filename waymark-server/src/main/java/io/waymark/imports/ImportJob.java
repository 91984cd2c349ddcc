package io.waymark.imports;

import java.util.List;

/** One import job as stored: what was uploaded, where it stands, and the first row errors. */
record ImportJob(
    String id,
    long seq,
    ImportKind kind,
    Status status,
    String fileName,
    long bytesTotal,
    long bytesRead,
    long rowsRead,
    long rowsAccepted,
    long rowsQuarantined,
    String createdBy,
    long createdAt,
    Long startedAt,
    Long finishedAt,
    Long elapsedMillis,
    String failure,
    List<RowError> errors) {

  /** Where a job is. */
  enum Status {
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED
  }

  /** One bad row: its number in the file, the field and the rule it broke. */
  record RowError(long row, String field, String reason) {}

  /** The source name of this import's quarantine records and events. */
  String source() {
    return "import:" + kind.apiName() + ":" + id;
  }
}
