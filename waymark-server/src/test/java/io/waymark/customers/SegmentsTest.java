package io.waymark.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The segment rules at their boundaries (default settings). */
class SegmentsTest {

  static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
  static final Instant LONG_AGO = NOW.minus(Duration.ofDays(400));

  final Segments segments = new Segments(CustomerSettings.defaults());

  static Instant daysAgo(long days) {
    return NOW.minus(Duration.ofDays(days));
  }

  @Test
  void newIsFirstSeenLessThanFourteenDaysAgo() {
    assertThat(segments.of(daysAgo(14).plusMillis(1), NOW, BigDecimal.ZERO, NOW))
        .containsExactly("new", "active");
    assertThat(segments.of(daysAgo(14), NOW, BigDecimal.ZERO, NOW)).containsExactly("active");
  }

  @Test
  void activeIsLastSeenLessThanSevenDaysAgo() {
    assertThat(segments.of(LONG_AGO, daysAgo(7).plusMillis(1), BigDecimal.ZERO, NOW))
        .containsExactly("active");
    assertThat(segments.of(LONG_AGO, daysAgo(7), BigDecimal.ZERO, NOW)).isEmpty();
  }

  @Test
  void atRiskFromThirtyToSixtyDaysLapsedToNinetyChurnedAfter() {
    assertThat(segments.of(LONG_AGO, daysAgo(30).plusMillis(1), BigDecimal.ZERO, NOW)).isEmpty();
    assertThat(segments.of(LONG_AGO, daysAgo(30), BigDecimal.ZERO, NOW)).containsExactly("at_risk");
    assertThat(segments.of(LONG_AGO, daysAgo(60).plusMillis(1), BigDecimal.ZERO, NOW))
        .containsExactly("at_risk");
    assertThat(segments.of(LONG_AGO, daysAgo(60), BigDecimal.ZERO, NOW)).containsExactly("lapsed");
    assertThat(segments.of(LONG_AGO, daysAgo(90), BigDecimal.ZERO, NOW)).containsExactly("lapsed");
    assertThat(segments.of(LONG_AGO, daysAgo(90).minusMillis(1), BigDecimal.ZERO, NOW))
        .containsExactly("churned");
  }

  @Test
  void highValueIsLifetimeRevenueOfAtLeastTheThreshold() {
    assertThat(segments.of(LONG_AGO, NOW, new BigDecimal("1000.00"), NOW))
        .containsExactly("active", "high_value");
    assertThat(segments.of(LONG_AGO, NOW, new BigDecimal("999.99"), NOW)).containsExactly("active");
    assertThat(segments.of(daysAgo(1), daysAgo(100), new BigDecimal("5000"), NOW))
        .containsExactly("new", "high_value", "churned");
  }
}
