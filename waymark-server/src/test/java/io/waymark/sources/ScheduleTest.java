package io.waymark.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class ScheduleTest {

  private static final Instant NINE_THIRTY = Instant.parse("2026-03-02T09:30:15.250Z");

  @Test
  void anIntervalRunsThatManyMinutesAfterTheLastPlanToTheSecond() {
    assertThat(Schedule.every(15).next(NINE_THIRTY)).isEqualTo("2026-03-02T09:45:15Z");
  }

  @Test
  void aDailyTimeRunsLaterTodayOrElseTomorrowInUtc() {
    Schedule tenOClock = Schedule.dailyAt(LocalTime.of(10, 0));
    assertThat(tenOClock.next(NINE_THIRTY)).isEqualTo("2026-03-02T10:00:00Z");
    assertThat(tenOClock.next(Instant.parse("2026-03-02T10:00:00Z")))
        .isEqualTo("2026-03-03T10:00:00Z");
    assertThat(Schedule.dailyAt(LocalTime.of(0, 5)).next(Instant.parse("2026-12-31T23:59:00Z")))
        .isEqualTo("2027-01-01T00:05:00Z");
  }
}
