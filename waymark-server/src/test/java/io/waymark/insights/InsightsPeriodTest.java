package io.waymark.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.platform.ApiException;
import io.waymark.store.InsightsQueries.Offset;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Periods, time zones and their offsets, checked without a server. */
class InsightsPeriodTest {

  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-03-02T12:00:00Z"), ZoneOffset.UTC);
  private static final InsightsSettings SETTINGS =
      new InsightsSettings(30, Duration.ofDays(400), 10, 100);
  private static final long HOUR = 3_600_000;

  @Test
  void listsTheOffsetsOfADaylightSavingChange() {
    InsightsPeriod p =
        InsightsPeriod.parse("2026-03-28", "2026-03-30", "Europe/Madrid", NOW, SETTINGS);
    assertThat(p.from()).isEqualTo(Instant.parse("2026-03-27T23:00:00Z"));
    assertThat(p.to()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    assertThat(p.offsets())
        .containsExactly(
            new Offset(p.from().toEpochMilli(), HOUR),
            new Offset(Instant.parse("2026-03-29T01:00:00Z").toEpochMilli(), 2 * HOUR));
    assertThat(p.days())
        .containsExactly(LocalDate.parse("2026-03-28"), LocalDate.parse("2026-03-29"));
  }

  @Test
  void acceptsHalfAndQuarterHourZones() {
    assertThat(InsightsPeriod.parse(null, null, 7, "Asia/Kathmandu", NOW, SETTINGS).offsets())
        .containsExactly(
            new Offset(Instant.parse("2026-02-23T18:15:00Z").toEpochMilli(), 20_700_000));
  }

  @Test
  void refusesAnOffsetThatIsNotWholeQuarterHours() {
    // Liberia kept -00:44:30 until 1972.
    assertThatThrownBy(
            () ->
                InsightsPeriod.parse("1970-01-01", "1970-01-02", "Africa/Monrovia", NOW, SETTINGS))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).field()).isEqualTo("tz"));
  }

  @Test
  void defaultsToThirtyDaysEndingTodayInTheZone() {
    InsightsPeriod p = InsightsPeriod.parse(null, null, "Australia/Brisbane", NOW, SETTINGS);
    assertThat(p.days()).hasSize(30);
    assertThat(p.days().getLast()).isEqualTo(LocalDate.parse("2026-03-02"));
  }
}
