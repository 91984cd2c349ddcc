package io.waymark.generator.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket releasing events at a steady rate. After a stall (a retry, a slow response) it
 * catches up with at most one second's worth of events, so the rate holds on average without
 * flooding the collector.
 */
final class Pacer {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final long intervalNanos;
  private final Clock clock;
  private final Stopper stopper;
  private long next;

  Pacer(double eventsPerSecond, Clock clock, Stopper stopper) {
    this.intervalNanos = Math.max(1, Math.round(NANOS_PER_SECOND / eventsPerSecond));
    this.clock = clock;
    this.stopper = stopper;
    this.next = nanos(clock.instant());
  }

  /** Waits for the next token; returns false when the run was stopped meanwhile. */
  boolean acquire() {
    long now = nanos(clock.instant());
    next = Math.max(next, now - NANOS_PER_SECOND);
    if (next > now && !stopper.sleep(Duration.ofNanos(next - now))) {
      return false;
    }
    next += intervalNanos;
    return !stopper.stopped();
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * NANOS_PER_SECOND + t.getNano();
  }
}
