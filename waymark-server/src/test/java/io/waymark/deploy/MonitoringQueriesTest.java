package io.waymark.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MonitoringQueriesTest {

  @Test
  void findsMetricNamesButNotFunctionsLabelsKeywordsOrDurations() {
    assertThat(
            MonitoringQueries.metricNames(
                "histogram_quantile(0.99, sum by (le, instance) (rate(a_seconds_bucket{job=\"w\","
                    + " status=~\"5..\"}[$__rate_interval]))) / ignoring (x) b_total offset 1h > 25"
                    + " * 3600 and on (job) c unless time() - d{x=\"y z\"}"))
        .containsExactlyInAnyOrder("a_seconds_bucket", "b_total", "c", "d");
  }

  @Test
  void everyDashboardAndRuleHasQueriesThatReadMetrics() {
    assertThat(MonitoringQueries.dashboardQueries()).hasSizeGreaterThan(30);
    assertThat(MonitoringQueries.ruleQueries()).hasSizeGreaterThanOrEqualTo(8);
    assertThat(MonitoringQueries.allMetricNames())
        .contains(
            "waymark_store_sink_lag_records",
            "waymark_stream_lag_events",
            "waymark_collector_ack_seconds_bucket",
            "jvm_memory_used_bytes",
            "up");
  }
}
