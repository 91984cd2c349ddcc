package io.waymark.sources;

import java.util.List;

/**
 * One run of a source as stored: who started it, where it stands, its counts and the imports it
 * fed.
 */
record SourceRun(
    String id,
    long seq,
    String sourceId,
    String triggeredBy,
    Status status,
    long startedAt,
    Long finishedAt,
    int files,
    long bytes,
    long rowsRead,
    long rowsAccepted,
    long rowsQuarantined,
    List<String> importIds,
    String error) {

  /** Where a run is. */
  enum Status {
    RUNNING,
    COMPLETED,
    FAILED
  }

  /** What the scheduler writes as {@code triggeredBy}. */
  static final String SCHEDULE = "schedule";
}
