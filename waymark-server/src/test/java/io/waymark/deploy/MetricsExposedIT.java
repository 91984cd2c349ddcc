package io.waymark.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waymark.EndToEndTest;
import io.waymark.WaymarkClient.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Scrapes a running Waymark after traffic and checks that every metric name a Grafana dashboard or
 * a Prometheus alert rule under deploy/ reads is exposed, and that the scrape carries no Kafka
 * series per partition, topic or stream task (decision 45).
 */
class MetricsExposedIT extends EndToEndTest {

  @Test
  void everyMetricOfTheDashboardsAndAlertRulesIsExposedAfterTraffic() throws Exception {
    sendTraffic();
    runAnExport();

    Set<String> wanted = new TreeSet<>(MonitoringQueries.allMetricNames());
    wanted.removeAll(MonitoringQueries.MADE_BY_PROMETHEUS);
    assertThat(wanted).hasSizeGreaterThan(30);

    // Kafka's client metrics are bound when the clients start and refreshed every minute.
    Set<String> missing =
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofSeconds(2))
            .until(
                () -> {
                  Set<String> m = new TreeSet<>(wanted);
                  m.removeAll(exposedNames(scrape()));
                  return m;
                },
                Set::isEmpty);
    assertThat(missing).as("metrics used by dashboards or rules but not exposed").isEmpty();
  }

  @Test
  void noKafkaSeriesPerPartitionTopicOrTask() {
    sendTraffic();
    String scrape = scrape();
    long series = scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).count();
    assertThat(scrape.lines().filter(l -> l.startsWith("kafka_")))
        .isNotEmpty()
        .noneMatch(
            l -> l.contains("partition=\"") || l.contains("topic=\"") || l.contains("task_id=\""));
    long kafka = scrape.lines().filter(l -> l.startsWith("kafka_")).count();
    // Before the filter one scrape held 1,898 series, 1,303 of them per partition, topic or task;
    // the rest grows with endpoints and features, not with partitions.
    assertThat(kafka).as("Kafka client series in one scrape").isLessThan(700);
    assertThat(series).as("series in one scrape").isLessThan(1500);
  }

  /**
   * The one place that reads the metrics: if /actuator/prometheus moves to a management port or
   * behind authentication, only this changes.
   */
  private String scrape() {
    Reply r = management().get("/actuator/prometheus", null);
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    return r.raw();
  }

  private static Set<String> exposedNames(String scrape) {
    Set<String> names = new TreeSet<>();
    scrape
        .lines()
        .filter(l -> !l.startsWith("#") && !l.isBlank())
        .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
    return names;
  }

  private void sendTraffic() {
    String batch =
        """
        [{"type":"page_view","user_id":"kpi-1","page_url":"/home","timestamp":"%1$s"},
         {"type":"product_view","user_id":"kpi-1","product_id":"sku-1","timestamp":"%1$s"},
         {"type":"add_to_cart","user_id":"kpi-1","product_id":"sku-1","timestamp":"%1$s"},
         {"type":"checkout","user_id":"kpi-1","timestamp":"%1$s"},
         {"type":"purchase","user_id":"kpi-1","order_id":"o-1","amount":19.9,"currency":"EUR",
          "timestamp":"%1$s"},
         {"type":"newsletter_signup","user_id":"kpi-2","timestamp":"%1$s"}]
        """
            .formatted(NOW.toString());
    assertThat(collector().post("/api/v1/events", INGEST_KEY, batch).status()).isEqualTo(200);
    // A refused event (quarantined) and a request with a wrong key: rejected outcomes and statuses.
    assertThat(collector().post("/api/v1/events", INGEST_KEY, "{\"type\":\"click\"}").status())
        .isEqualTo(400);
    assertThat(collector().post("/api/v1/events", "wm_ingest_wrong", "{}").status()).isEqualTo(401);
    assertThat(api().get("/api/v1/live", ADMIN_KEY).status()).isEqualTo(200);
  }

  /** An export run, so the export metrics exist (they appear with the first run that ends). */
  private void runAnExport() throws Exception {
    Path target = Files.createDirectories(EXPORT_ROOT.resolve("metrics-exports"));
    Reply created =
        api()
            .post(
                "/api/v1/exports",
                ADMIN_KEY,
                """
                {"name":"metrics-check","datasets":["events"],"format":"csv",
                 "destination":"directory","directory":"%s"}
                """
                    .formatted(target));
    assertThat(created.status()).as(created.raw()).isEqualTo(201);
    String id = created.json().get("id").asText();
    Reply run = api().post("/api/v1/exports/" + id + "/runs?date=2026-03-01", ADMIN_KEY, "");
    assertThat(run.status()).as(run.raw()).isEqualTo(202);
    String runId = run.json().get("id").asText();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                api()
                    .get("/api/v1/exports/" + id + "/runs/" + runId, ADMIN_KEY)
                    .json()
                    .get("status")
                    .asText(),
            s -> s.equals("succeeded"));
  }
}
