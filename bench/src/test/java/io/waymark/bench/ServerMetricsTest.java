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
}
