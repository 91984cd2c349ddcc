package io.waymark.bench;

/**
 * When each request of a fixed-rate (open-loop) load is meant to start.
 *
 * <p>Latency is measured from the intended start, not from when the request was actually sent, so a
 * server stall shows up in the percentiles instead of silently slowing the load generator down
 * (coordinated omission). Request {@code i} is due at {@code start + floor(i * 1e9 / rate)}
 * nanoseconds.
 */
record OpenLoopSchedule(long startNanos, long ratePerSecond, long total) {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  OpenLoopSchedule {
    if (ratePerSecond < 1 || total < 0) {
      throw new IllegalArgumentException(
          "rate must be >= 1/s and total >= 0, got " + ratePerSecond + ", " + total);
    }
  }

  /** The intended start of request {@code i} (0-based), on the {@link System#nanoTime} clock. */
  long intendedStart(long i) {
    return startNanos + Math.floorDiv(i * NANOS_PER_SECOND, ratePerSecond);
  }

  /** How many requests are due by {@code nowNanos}: those whose intended start is not later. */
  long dueBy(long nowNanos) {
    long elapsed = nowNanos - startNanos;
    if (elapsed < 0) {
      return 0;
    }
    // intendedStart(i) <= now  <=>  i * 1e9 < (elapsed + 1) * rate
    long due = ((elapsed + 1) * ratePerSecond - 1) / NANOS_PER_SECOND + 1;
    return Math.min(due, total);
  }

  /** The intended end of the schedule: when the last request is due. */
  long lastStart() {
    return total == 0 ? startNanos : intendedStart(total - 1);
  }
}
