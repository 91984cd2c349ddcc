package io.waymark.privacy;

import java.time.Instant;

/**
 * An erasure request and its audit record: who asked, when, for which user, how far it got, and the
 * verification report (counts per place, never the data). The user is named by {@code userId} until
 * the erasure completes, and by {@code userPseudonym} always (the audit keeps only that).
 */
public record ErasureRequest(
    String id,
    String userId,
    String userPseudonym,
    String requestedBy,
    Instant requestedAt,
    boolean suppress,
    Status status,
    String step,
    int attempts,
    Instant updatedAt,
    Instant finishedAt,
    String error,
    ErasureReport report) {

  /** Where a request stands. */
  public enum Status {
    PENDING,
    RUNNING,
    COMPLETED,
    FAILED;

    boolean open() {
      return this == PENDING || this == RUNNING;
    }
  }
}
