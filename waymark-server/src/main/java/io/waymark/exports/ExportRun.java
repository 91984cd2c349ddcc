package io.waymark.exports;

import java.time.LocalDate;
import java.util.List;

/** One run of an export for one UTC day, with the files it wrote. */
record ExportRun(
    String id,
    long seq,
    String exportId,
    LocalDate date,
    Cause cause,
    Status status,
    String owner,
    String requestedBy,
    long createdAt,
    Long startedAt,
    Long finishedAt,
    String error,
    List<File> files) {

  enum Cause {
    SCHEDULE,
    MANUAL
  }

  enum Status {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED
  }

  /**
   * A file of the run: its rows and bytes as written, and its delivery ({@code delivered}, {@code
   * failed}; {@code kept} for a directory-less run is not used) with the tries it took.
   */
  record File(
      String name,
      String dataset,
      long rows,
      long bytes,
      String delivery,
      int attempts,
      String deliveryError) {}

  ExportRun {
    files = List.copyOf(files);
  }
}
