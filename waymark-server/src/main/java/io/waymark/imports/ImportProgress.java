package io.waymark.imports;

import java.util.ArrayList;
import java.util.List;

/**
 * The running counts of one job, kept by its worker thread and written to the job row after each
 * batch; the first {@code keptErrors} row errors are kept for display.
 */
final class ImportProgress {

  /** A row error with its position among the job's kept errors. */
  record Numbered(int position, ImportJob.RowError error) {}

  private final int keptErrors;
  private final List<Numbered> pending = new ArrayList<>();
  private int kept;
  private long bytesRead;
  private long rowsRead;
  private long accepted;
  private long quarantined;

  ImportProgress(int keptErrors) {
    this.keptErrors = keptErrors;
  }

  void read(long rows, long bytes) {
    rowsRead += rows;
    bytesRead = bytes;
  }

  void accepted(long n) {
    accepted += n;
  }

  void quarantined(long row, String field, String reason) {
    quarantined++;
    if (kept < keptErrors) {
      pending.add(new Numbered(kept++, new ImportJob.RowError(row, field, reason)));
    }
  }

  List<Numbered> drainErrors() {
    List<Numbered> out = List.copyOf(pending);
    pending.clear();
    return out;
  }

  long bytesRead() {
    return bytesRead;
  }

  long rowsRead() {
    return rowsRead;
  }

  long accepted() {
    return accepted;
  }

  long quarantined() {
    return quarantined;
  }
}
