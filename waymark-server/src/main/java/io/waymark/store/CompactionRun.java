package io.waymark.store;

import java.time.Instant;

/**
 * One compaction of the store: what started it, how it went, how many rows it rewrote, how long the
 * whole run and the pause of the sink and queries took, and the store's size before and after.
 */
public record CompactionRun(
    long id,
    String trigger,
    Status status,
    Instant startedAt,
    Instant finishedAt,
    long eventRows,
    long sessionRows,
    long durationMs,
    long copyMs,
    long pauseMs,
    long bytesBefore,
    long bytesAfter,
    String error) {

  /** Where a run is. */
  public enum Status {
    RUNNING,
    SUCCEEDED,
    FAILED
  }

  static CompactionRun running(long id, String trigger, Instant startedAt, long bytesBefore) {
    return new CompactionRun(
        id, trigger, Status.RUNNING, startedAt, null, 0, 0, 0, 0, 0, bytesBefore, 0, null);
  }

  CompactionRun succeeded(
      Instant at,
      long duration,
      long events,
      long sessions,
      long copy,
      long pause,
      long bytesAfterRun) {
    return new CompactionRun(
        id,
        trigger,
        Status.SUCCEEDED,
        startedAt,
        at,
        events,
        sessions,
        duration,
        copy,
        pause,
        bytesBefore,
        bytesAfterRun,
        null);
  }

  CompactionRun failed(Instant at, long duration, String why) {
    return new CompactionRun(
        id, trigger, Status.FAILED, startedAt, at, 0, 0, duration, 0, 0, bytesBefore, 0, why);
  }
}
