package io.waymark.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.EndToEndTest;
import io.waymark.LoopbackReceiver;
import io.waymark.WaymarkClient.Reply;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Alerts over HTTP: rules in, events in, alerts out (list, detail, ack, push, webhook). */
class AlertsIT extends EndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private String events(String user, String type, int n) {
    // NOW is 12:00; n events in the minute before it.
    return IntStream.range(0, n)
        .mapToObj(
            i ->
                "{\"type\":\"%s\",\"user_id\":\"%s\",\"timestamp\":\"2026-03-02T11:59:%02dZ\"}"
                    .formatted(type, user, 10 + i))
        .collect(Collectors.joining(",", "[", "]"));
  }

  private int createRule(String name, String type, int threshold, String severity) {
    Reply r =
        api()
            .post(
                "/api/v1/alert-rules",
                ADMIN_KEY,
                """
                {"name":"%s","kind":"event_count","threshold":%d,"window":"1m",
                 "event_type":"%s","severity":"%s"}
                """
                    .formatted(name, threshold, type, severity));
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
    return r.json().get("id").asInt();
  }

  private JsonNode alertsOf(String user) {
    return api().get("/api/v1/alerts?user_id=" + user, ADMIN_KEY).json().get("items");
  }

  @Test
  void aRuleFiresOnStreamedEventsAndTheAlertIsListedPushedAcknowledgedAndDelivered()
      throws Exception {
    try (LoopbackReceiver receiver = new LoopbackReceiver("/hook", 1)) {
      Reply hook =
          api()
              .post(
                  "/api/v1/webhooks",
                  ADMIN_KEY,
                  "{\"name\":\"it-hook\",\"url\":\""
                      + receiver.url()
                      + "\",\"min_severity\":\"critical\"}");
      assertThat(hook.status()).as(hook.raw()).isEqualTo(201);
      String secret = hook.json().get("secret").asText();
      String hookId = hook.json().get("id").asText();
      List<String> pushed = subscribe();
      int ruleId = createRule("IT coupon burst", "coupon_try", 5, "critical");

      assertThat(
              collector()
                  .post("/api/v1/events", INGEST_KEY, events("al-mallory", "coupon_try", 6))
                  .status())
          .isEqualTo(200);

      JsonNode alerts =
          await().atMost(WAIT).until(() -> alertsOf("al-mallory"), a -> a.size() == 1);
      JsonNode alert = alerts.get(0);
      String id = alert.get("id").asText();
      assertThat(alert.get("rule_id").asInt()).isEqualTo(ruleId);
      assertThat(alert.get("severity").asText()).isEqualTo("CRITICAL");
      assertThat(alert.get("status").asText()).isEqualTo("open");
      assertThat(alert.get("message").asText())
          .isEqualTo("IT coupon burst: 6 coupon_try in 1 min (more than 5)");
      JsonNode evidence = alert.get("evidence");
      assertThat(evidence.get("observed").asDouble()).isEqualTo(6);
      assertThat(evidence.get("window_start").asText()).isEqualTo("2026-03-02T11:59:10Z");
      assertThat(evidence.get("window_end").asText()).isEqualTo("2026-03-02T11:59:15Z");

      JsonNode detail =
          await()
              .atMost(WAIT)
              .until(
                  () -> api().get("/api/v1/alerts/" + id, ADMIN_KEY).json(),
                  d -> d.get("events").size() == 6);
      assertThat(detail.get("events").get(0).get("type").asText()).isEqualTo("coupon_try");

      await().atMost(WAIT).until(() -> pushed.stream().anyMatch(p -> p.contains(id)));

      Reply ack =
          api()
              .post(
                  "/api/v1/alerts/" + id + "/acknowledge",
                  ADMIN_KEY,
                  "{\"note\":\"bot, blocked\"}");
      assertThat(ack.status()).as(ack.raw()).isEqualTo(200);
      assertThat(ack.json().get("status").asText()).isEqualTo("acknowledged");
      assertThat(ack.json().get("acknowledged_by").asText()).startsWith("key:");
      assertThat(ack.json().get("note").asText()).isEqualTo("bot, blocked");
      assertThat(
              api()
                  .get("/api/v1/alerts?status=open&user_id=al-mallory", ADMIN_KEY)
                  .json()
                  .get("items"))
          .isEmpty();

      await().atMost(WAIT).until(() -> receiver.calls().size() >= 2);
      LoopbackReceiver.Call first = receiver.calls().get(0);
      LoopbackReceiver.Call second = receiver.calls().get(1);
      assertThat(first.answered()).isEqualTo(500);
      assertThat(second.answered()).isEqualTo(204);
      assertThat(second.text()).contains(id).contains("\"attempt\":2");
      String timestamp = second.header("X-Waymark-Timestamp");
      assertThat(second.header("X-Waymark-Signature"))
          .isEqualTo("sha256=" + WebhookSender.sign(secret, timestamp, second.body()));
      JsonNode deliveries =
          await()
              .atMost(WAIT)
              .until(
                  () ->
                      api()
                          .get("/api/v1/webhooks/" + hookId + "/deliveries", ADMIN_KEY)
                          .json()
                          .get("items"),
                  d -> d.size() == 1 && d.get(0).get("status").asText().equals("delivered"));
      JsonNode log = deliveries.get(0).get("log");
      assertThat(log).hasSize(2);
      assertThat(log.get(0).get("status_code").asInt()).isEqualTo(500);
      assertThat(log.get(1).get("status_code").asInt()).isEqualTo(204);
    }
  }

  @Test
  void aDisabledRuleStaysQuietAndRulesCanBeChangedAndDeleted() {
    int quiet = createRule("IT quiet rule", "quiet_try", 2, "low");
    int marker = createRule("IT marker rule", "marker_try", 2, "low");
    Reply disabled =
        api().send("PATCH", "/api/v1/alert-rules/" + quiet, ADMIN_KEY, "{\"enabled\":false}");
    assertThat(disabled.status()).as(disabled.raw()).isEqualTo(200);
    assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
    assertThat(disabled.json().get("revision").asInt()).isEqualTo(2);

    collector().post("/api/v1/events", INGEST_KEY, events("al-trent", "quiet_try", 5));
    collector().post("/api/v1/events", INGEST_KEY, events("al-trent", "marker_try", 3));

    // Same user, same partition, in order: once the marker fired, the quiet rule had its chance.
    JsonNode alerts = await().atMost(WAIT).until(() -> alertsOf("al-trent"), a -> a.size() >= 1);
    assertThat(alerts).extracting(a -> a.get("rule_id").asInt()).containsExactly(marker);

    Reply changed =
        api()
            .send(
                "PUT",
                "/api/v1/alert-rules/" + marker,
                ADMIN_KEY,
                "{\"name\":\"IT marker rule\",\"kind\":\"event_count\",\"threshold\":9,"
                    + "\"window\":\"PT2M\",\"event_type\":\"marker_try\"}");
    assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
    assertThat(changed.json().get("window_seconds").asLong()).isEqualTo(120);
    assertThat(api().send("DELETE", "/api/v1/alert-rules/" + marker, ADMIN_KEY, null).status())
        .isEqualTo(204);
    assertThat(api().get("/api/v1/alert-rules/" + marker, ADMIN_KEY).status()).isEqualTo(404);
    JsonNode all = api().get("/api/v1/alert-rules", ADMIN_KEY).json().get("items");
    assertThat(all)
        .extracting(r -> r.get("name").asText())
        .contains(
            "Event flood",
            "Failed payment burst",
            "Order velocity",
            "Spend velocity",
            "Big first purchase",
            "IT quiet rule")
        .doesNotContain("IT marker rule");
  }

  @Test
  void badRulesAndWebhooksAreRefusedWithTheFieldAndTheReason() {
    assertError(
        api()
            .post(
                "/api/v1/alert-rules",
                ADMIN_KEY,
                "{\"kind\":\"event_count\",\"threshold\":1,\"window\":\"1m\"}"),
        400,
        "name",
        "is required");
    assertError(
        api()
            .post(
                "/api/v1/alert-rules",
                ADMIN_KEY,
                "{\"name\":\"x\",\"kind\":\"event_count\",\"threshold\":1,\"window\":\"5 parsecs\"}"),
        400,
        "window",
        "must be a duration");
    assertError(
        api()
            .post(
                "/api/v1/alert-rules",
                ADMIN_KEY,
                "{\"name\":\"x\",\"kind\":\"velocity\",\"threshold\":1,\"window\":\"1m\"}"),
        400,
        "kind",
        "must be event_count, amount_sum or new_identity_purchase");
    assertError(
        api()
            .post(
                "/api/v1/alert-rules",
                ADMIN_KEY,
                "{\"name\":\"x\",\"kind\":\"event_count\",\"treshold\":1,\"window\":\"1m\"}"),
        400,
        "treshold",
        "is not a known field");
    assertError(
        api()
            .post(
                "/api/v1/alert-rules",
                ADMIN_KEY,
                "{\"name\":\"x\",\"kind\":\"event_count\",\"threshold\":-1,\"window\":\"1m\"}"),
        400,
        "threshold",
        "must be a number >= 0");
    assertError(
        api()
            .post(
                "/api/v1/alert-rules",
                ADMIN_KEY,
                "{\"name\":\"x\",\"kind\":\"event_count\",\"threshold\":\"many\",\"window\":\"1m\"}"),
        400,
        "threshold",
        "has the wrong type");
    assertThat(api().post("/api/v1/alert-rules", ADMIN_KEY, "{not json").status()).isEqualTo(400);
    assertError(
        api()
            .post(
                "/api/v1/alert-rules",
                ADMIN_KEY,
                "{\"name\":\"Event flood\",\"kind\":\"event_count\",\"threshold\":1,\"window\":\"1m\"}"),
        409,
        "name",
        "exists already");
    assertError(
        api().get("/api/v1/alert-rules/99999", ADMIN_KEY), 404, "id", "no alert rule 99999");
    assertError(
        api().post("/api/v1/webhooks", ADMIN_KEY, "{\"name\":\"bad\",\"url\":\"ftp://example\"}"),
        400,
        "url",
        "must be an http or https URL");
    assertError(
        api()
            .post(
                "/api/v1/webhooks",
                ADMIN_KEY,
                "{\"name\":\"lan\",\"url\":\"http://10.0.0.1/hook\",\"enabled\":false}"),
        400,
        "url",
        "is refused: 10.0.0.1 is a private address (10.0.0.0/8); Waymark sends no requests there"
            + " unless waymark.outbound.allowed-networks allows it");
    assertError(
        api()
            .post(
                "/api/v1/webhooks",
                ADMIN_KEY,
                "{\"name\":\"cloud\",\"url\":\"http://169.254.169.254/latest/meta-data/\","
                    + "\"enabled\":false}"),
        400,
        "url",
        "is refused: 169.254.169.254 is a link-local address");
    assertError(
        api().get("/api/v1/alerts?status=closed", ADMIN_KEY),
        400,
        "status",
        "must be open or acknowledged");
    assertError(
        api().get("/api/v1/alerts/00000000-0000-0000-0000-000000000000", ADMIN_KEY),
        404,
        "id",
        "no alert");
  }

  @Test
  void ingestKeysCannotReadAlertsOrChangeRules() {
    assertThat(api().get("/api/v1/alerts", INGEST_KEY).status()).isEqualTo(403);
    assertThat(api().get("/api/v1/alerts", null).status()).isEqualTo(401);
    assertThat(
            api()
                .post(
                    "/api/v1/alert-rules",
                    INGEST_KEY,
                    "{\"name\":\"x\",\"kind\":\"event_count\",\"threshold\":1,\"window\":\"1m\"}")
                .status())
        .isEqualTo(403);
    assertThat(api().get("/api/v1/webhooks", INGEST_KEY).status()).isEqualTo(403);
  }

  private static void assertError(Reply r, int status, String field, String reason) {
    assertThat(r.status()).as(r.raw()).isEqualTo(status);
    JsonNode error = r.json().get("errors").get(0);
    assertThat(error.get("field").asText()).isEqualTo(field);
    assertThat(error.get("reason").asText()).contains(reason);
  }

  /** Collects the data lines of the alert stream in the background. */
  private List<String> subscribe() throws Exception {
    List<String> data = new CopyOnWriteArrayList<>();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/alerts/stream"))
            .header("Authorization", "Bearer " + ADMIN_KEY)
            .build();
    HttpResponse<java.io.InputStream> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    Thread.ofVirtual()
        .start(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(
                      new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  if (line.startsWith("data:")) {
                    data.add(line);
                  }
                }
              } catch (java.io.IOException closed) {
                // the test is over
              }
            });
    return data;
  }
}
