package io.waymark.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.random.RandomGenerator;

/**
 * How long to wait before a retry: exponential ({@code first * 2^(attempt-1)}, capped) with jitter
 * in [50 %, 100 %] so many clients do not retry in step; a server's {@code Retry-After} (seconds or
 * an HTTP date) wins when it asks for longer.
 */
final class Backoff {

  private final Duration first;
  private final Duration max;
  private final RandomGenerator random;
  private final Clock clock;

  Backoff(Duration first, Duration max, RandomGenerator random, Clock clock) {
    this.first = first;
    this.max = max;
    this.random = random;
    this.clock = clock;
  }

  /** The wait before retry number {@code attempt} (1 for the first retry). */
  Duration delay(int attempt, String retryAfter) {
    long cap = max.toMillis();
    long exp = first.toMillis() << Math.min(attempt - 1, 30);
    long full = Math.min(cap, exp <= 0 ? cap : exp);
    long jittered = full / 2 + (long) (random.nextDouble() * (full - full / 2 + 1));
    Duration own = Duration.ofMillis(Math.min(full, jittered));
    Duration server = retryAfter(retryAfter);
    return server != null && server.compareTo(own) > 0 ? server : own;
  }

  private Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String v = header.trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(clock.instant(), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }
}
