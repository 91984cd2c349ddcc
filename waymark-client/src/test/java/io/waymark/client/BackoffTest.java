package io.waymark.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Instant NOON = Instant.parse("2026-11-22T12:00:00Z");
  private final TestClock clock = new TestClock(NOON);
  private final Backoff backoff =
      new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new Random(1), clock);

  @Test
  void doublesEachTimeWithinJitterUpToTheCap() {
    for (int attempt = 1; attempt <= 12; attempt++) {
      long full = Math.min(30_000, 500L << (attempt - 1));
      assertThat(backoff.delay(attempt, null).toMillis()).isBetween(full / 2, full);
    }
  }

  @Test
  void waitsAsLongAsRetryAfterSecondsAsks() {
    assertThat(backoff.delay(1, "120")).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void readsRetryAfterAsAnHttpDateAgainstTheClock() {
    assertThat(backoff.delay(1, "Sun, 22 Nov 2026 12:00:45 GMT")).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void keepsItsOwnDelayWhenRetryAfterIsShorterOrUnreadable() {
    assertThat(backoff.delay(5, "0").toMillis()).isBetween(4_000L, 8_000L);
    assertThat(backoff.delay(5, "soon").toMillis()).isBetween(4_000L, 8_000L);
  }
}
