package io.waymark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerMetricsTest {

  @Test
  void readsTheValueOfOneMeter() {
    String json =
        """
        {"name":"waymark.stream.lag","description":"events on the log not yet processed",
         "baseUnit":"events","measurements":[{"statistic":"VALUE","value":150.0}],
         "availableTags":[]}
        """;

    assertThat(ServerMetrics.value(json)).isEqualTo(150.0);
  }

  @Test
  void readsLargeCountsInScientificNotationAndNanAsZero() {
    assertThat(
            ServerMetrics.value("{\"measurements\":[{\"statistic\":\"VALUE\",\"value\":3.0E7}]}"))
        .isEqualTo(30_000_000.0);
    assertThat(
            ServerMetrics.value("{\"measurements\":[{\"statistic\":\"VALUE\",\"value\":\"NaN\"}]}"))
        .isZero();
    assertThat(ServerMetrics.value("{\"measurements\":[]}")).isZero();
  }

  @Test
  void readsATimersCountAndTotalAndTheMeanBetweenTwoReadings() {
    String before =
        """
        {"name":"waymark.store.query","baseUnit":"seconds","measurements":[
         {"statistic":"COUNT","value":1000.0},{"statistic":"TOTAL_TIME","value":2.5},
         {"statistic":"MAX","value":0.04}],"availableTags":[]}
        """;
    String after =
        """
        {"measurements":[{"statistic":"COUNT","value":3000.0},
         {"statistic":"TOTAL_TIME","value":8.5},{"statistic":"MAX","value":0.05}]}
        """;
    ServerMetrics.TimerTotals a = ServerMetrics.totals(before);
    ServerMetrics.TimerTotals b = ServerMetrics.totals(after);
    assertThat(a).isEqualTo(new ServerMetrics.TimerTotals(1000, 2.5));
    assertThat(b.meanMillisSince(a)).isEqualTo(3.0); // 6 s over 2,000 lookups
    assertThat(a.meanMillisSince(a)).isNaN();
  }
}
