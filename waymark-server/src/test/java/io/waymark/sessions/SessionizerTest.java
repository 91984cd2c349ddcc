package io.waymark.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionizerTest {

  private static final long NINE = Instant.parse("2026-03-01T09:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;
  private final Sessionizer sessionizer = new Sessionizer(Duration.ofMinutes(30));

  @Test
  void keepsEventsLessThanThirtyMinutesApartInOneSession() {
    List<Long> times = List.of(NINE, NINE + 29 * MINUTE, NINE + 58 * MINUTE);
    assertThat(sessionizer.split(times, t -> t)).hasSize(1);
  }

  @Test
  void closesSessionAfterThirtyMinutesOfInactivity() {
    List<Long> times = List.of(NINE, NINE + 5 * MINUTE, NINE + 35 * MINUTE, NINE + 36 * MINUTE);
    assertThat(sessionizer.split(times, t -> t))
        .containsExactly(
            List.of(NINE, NINE + 5 * MINUTE), List.of(NINE + 35 * MINUTE, NINE + 36 * MINUTE));
  }

  @Test
  void aGapOfExactlyThirtyMinutesStartsANewSession() {
    assertThat(sessionizer.continues(NINE, NINE + 30 * MINUTE)).isFalse();
    assertThat(sessionizer.continues(NINE, NINE + 30 * MINUTE - 1)).isTrue();
  }

  @Test
  void splitsNothingIntoNoSessions() {
    assertThat(sessionizer.split(List.<Long>of(), t -> t)).isEmpty();
  }

  @Test
  void refusesANonPositiveGap() {
    assertThatThrownBy(() -> new Sessionizer(Duration.ZERO)).hasMessageContaining("positive");
  }
}
