package io.waymark.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.EndToEndTest;
import io.waymark.WaymarkClient;
import io.waymark.WaymarkClient.Reply;
import io.waymark.admin.ApiKeys;
import io.waymark.admin.Role;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The collector over HTTP, on both ports: accepted events are stored, bad input is explained and
 * quarantined.
 */
class CollectorIT extends EndToEndTest {

  @Autowired ApiKeys keys;

  private static String event(String user, String type, String extra) {
    return "{\"event_id\":\""
        + UUID.randomUUID()
        + "\",\"type\":\""
        + type
        + "\",\"user_id\":\""
        + user
        + "\",\"timestamp\":\"2026-03-02T11:00:00Z\""
        + extra
        + "}";
  }

  private JsonNode storedEvents(String user, int expected) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> api().get("/api/v1/users/" + user + "/events?limit=100", ADMIN_KEY),
            r -> r.status() == 200 && r.json().get("items").size() == expected)
        .json();
  }

  private JsonNode quarantined(String id) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              for (JsonNode q :
                  api().get("/api/v1/quarantine?limit=500", ADMIN_KEY).json().get("items")) {
                if (q.get("id").asText().equals(id)) {
                  return q;
                }
              }
              return null;
            },
            q -> q != null);
  }

  @Test
  void acceptsOneEventAndStoresIt() {
    Reply r =
        collector()
            .post(
                "/api/v1/events",
                INGEST_KEY,
                event("c-one", "page_view", ",\"page_url\":\"/home\""));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
    assertThat(r.json().get("rejected").asInt()).isZero();
    JsonNode stored = storedEvents("c-one", 1).get("items").get(0);
    assertThat(stored.get("page_url").asText()).isEqualTo("/home");
    assertThat(stored.get("timestamp").asText()).isEqualTo("2026-03-02T11:00:00Z");
    assertThat(stored.get("received_at").asText()).isEqualTo("2026-03-02T12:00:00Z");
  }

  @Test
  void acceptsAnArrayOnTheMainPortAndReportsEachItem() {
    String body =
        "["
            + event("c-arr", "search", ",\"search_query\":\"red shoes\"")
            + ","
            + event("c-arr", "add_to_cart", "")
            + ","
            + event("c-arr", "product_view", ",\"product_id\":\"p-1\"")
            + "]";
    Reply r = api().post("/api/v1/events", INGEST_KEY, body);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("accepted").asInt()).isEqualTo(2);
    assertThat(r.json().get("rejected").asInt()).isEqualTo(1);
    JsonNode error = r.json().get("errors").get(0);
    assertThat(error.get("index").asInt()).isEqualTo(1);
    assertThat(error.get("field").asText()).isEqualTo("product_id");
    assertThat(error.get("reason").asText()).isEqualTo("is required for add_to_cart events");
    JsonNode q = quarantined(error.get("quarantine_id").asText());
    assertThat(q.get("payload").asText()).contains("add_to_cart");
    assertThat(q.get("index").asInt()).isEqualTo(1);
    assertThat(q.get("user_key").asText()).isEqualTo("c-arr");
    storedEvents("c-arr", 2);
  }

  @Test
  void acceptsNdjsonAndRejectsOnlyTheBrokenLine() {
    String body =
        event("c-nd", "page_view", ",\"page_url\":\"/a\"")
            + "\n{not json\n"
            + event("c-nd", "page_view", ",\"page_url\":\"/b\"")
            + "\n";
    Reply r = collector().post("/api/v1/events/batch", INGEST_KEY, body);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("accepted").asInt()).isEqualTo(2);
    JsonNode error = r.json().get("errors").get(0);
    assertThat(error.get("index").asInt()).isEqualTo(1);
    assertThat(error.get("reason").asText()).startsWith("malformed JSON on line 2");
    assertThat(quarantined(error.get("quarantine_id").asText()).get("payload").asText())
        .isEqualTo("{not json");
    storedEvents("c-nd", 2);
  }

  @Test
  void acceptsTheFlatContractVerbatim() {
    String body =
        "{\"timestamp\":\"2026-03-02T10:00:00Z\",\"user_id\":\"c-flat\",\"event_type\":\"page_view\","
            + "\"page_url\":\"/pricing\",\"session_id\":\"s-9\"}";
    assertThat(collector().post("/api/v1/events", INGEST_KEY, body).status()).isEqualTo(200);
    JsonNode stored = storedEvents("c-flat", 1).get("items").get(0);
    assertThat(stored.get("type").asText()).isEqualTo("page_view");
    assertThat(stored.get("session_id").asText()).isEqualTo("s-9");
  }

  @Test
  void recordsAPageCallAsANamedPageView() {
    String body =
        "{\"user_id\":\"c-page\",\"name\":\"Blog: better B2B customer experience\",\"timestamp\":\"2026-03-02T10:00:00Z\"}";
    for (WaymarkClient c : new WaymarkClient[] {api(), collector()}) {
      assertThat(c.post("/v1/page", INGEST_KEY, body).status()).isEqualTo(200);
    }
    JsonNode stored = storedEvents("c-page", 2).get("items").get(0);
    assertThat(stored.get("type").asText()).isEqualTo("page_view");
    assertThat(stored.get("page_name").asText()).isEqualTo("Blog: better B2B customer experience");
  }

  @Test
  void storesARepeatedEventIdOnce() {
    String e = event("c-dup", "page_view", ",\"page_url\":\"/x\"");
    assertThat(collector().post("/api/v1/events", INGEST_KEY, e).status()).isEqualTo(200);
    assertThat(collector().post("/api/v1/events", INGEST_KEY, "[" + e + "," + e + "]").status())
        .isEqualTo(200);
    storedEvents("c-dup", 1);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(
            () ->
                api().get("/api/v1/users/c-dup/events", ADMIN_KEY).json().get("items").size() == 1);
  }

  @Test
  void correctsClientClockSkewWithSentAt() {
    // The client's clock is one hour behind: it says it sent at 11:00 what happened at 10:59.
    String body =
        "{\"type\":\"click\",\"user_id\":\"c-skew\",\"timestamp\":\"2026-03-02T10:59:00Z\",\"sent_at\":\"2026-03-02T11:00:00Z\"}";
    assertThat(collector().post("/api/v1/events", INGEST_KEY, body).status()).isEqualTo(200);
    JsonNode stored = storedEvents("c-skew", 1).get("items").get(0);
    assertThat(stored.get("timestamp").asText()).isEqualTo("2026-03-02T11:59:00Z");
    assertThat(stored.get("client_timestamp").asText()).isEqualTo("2026-03-02T10:59:00Z");
  }

  @Test
  void rejectsMalformedJsonWithItsPositionAndQuarantinesTheBody() {
    Reply r = collector().post("/api/v1/events", INGEST_KEY, "{\"type\": \"page_view\",");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("message").asText()).startsWith("malformed JSON at line 1");
    assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("body");
    JsonNode q = quarantined(r.json().get("quarantine_id").asText());
    assertThat(q.get("payload").asText()).isEqualTo("{\"type\": \"page_view\",");
    assertThat(q.get("status").asInt()).isEqualTo(400);
  }

  @Test
  void rejectsWrongTypesNamingEachField() {
    String body =
        "{\"type\":\"purchase\",\"user_id\":42,\"order_id\":\"o-1\",\"amount\":\"12.50\",\"currency\":\"EUR\"}";
    Reply r = api().post("/api/v1/events", INGEST_KEY, body);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("accepted").asInt()).isZero();
    assertThat(r.json().get("errors").findValuesAsText("field")).contains("user_id", "amount");
    assertThat(r.raw())
        .contains("must be a number, got a string")
        .contains("must be a string, got a number");
    quarantined(r.json().get("errors").get(0).get("quarantine_id").asText());
  }

  @Test
  void rejectsAnEventWithoutAnyUserId() {
    Reply r =
        collector()
            .post("/api/v1/events", INGEST_KEY, "{\"type\":\"page_view\",\"page_url\":\"/\"}");
    assertThat(r.status()).isEqualTo(400);
    JsonNode error = r.json().get("errors").get(0);
    assertThat(error.get("field").asText()).isEqualTo("user_id");
    assertThat(error.get("reason").asText())
        .isEqualTo("either user_id or anonymous_id is required");
    quarantined(error.get("quarantine_id").asText());
  }

  @Test
  void rejectsAFutureTimestamp() {
    Reply r =
        collector()
            .post(
                "/api/v1/events",
                INGEST_KEY,
                "{\"type\":\"click\",\"anonymous_id\":\"a-1\",\"timestamp\":\"2026-03-02T13:00:00Z\"}");
    assertThat(r.status()).isEqualTo(400);
    JsonNode error = r.json().get("errors").get(0);
    assertThat(error.get("field").asText()).isEqualTo("timestamp");
    assertThat(error.get("reason").asText())
        .startsWith("is 3600 s after the server's receive time; the limit is 300 s");
    quarantined(error.get("quarantine_id").asText());
  }

  @Test
  void rejectsAnOversizeBodyWith413() {
    String big =
        "["
            + IntStream.range(0, 2000)
                .mapToObj(
                    i ->
                        event(
                            "c-big",
                            "click",
                            ",\"properties\":{\"pad\":\"" + "x".repeat(100) + "\"}"))
                .collect(Collectors.joining(","))
            + "]";
    for (WaymarkClient c : new WaymarkClient[] {api(), collector()}) {
      Reply r = c.post("/api/v1/events", INGEST_KEY, big);
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.json().get("message").asText())
          .contains("the limit is 262144 bytes (waymark.collector.max-body-bytes)");
      JsonNode q = quarantined(r.json().get("quarantine_id").asText());
      assertThat(q.get("status").asInt()).isEqualTo(413);
      assertThat(q.get("payload_truncated").asBoolean()).isTrue();
    }
  }

  @Test
  void rejectsAnOversizeEventWith413() {
    Reply r =
        collector()
            .post(
                "/api/v1/events",
                INGEST_KEY,
                event(
                    "c-bigone", "click", ",\"properties\":{\"pad\":\"" + "x".repeat(9000) + "\"}"));
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().get("errors").get(0).get("reason").asText())
        .contains("the limit is 8192 bytes");
    quarantined(r.json().get("errors").get(0).get("quarantine_id").asText());
  }

  @Test
  void refusesAMissingOrUnknownKeyWith401() {
    Reply missing = collector().post("/api/v1/events", null, event("c-401", "click", ""));
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.json().get("message").asText()).startsWith("missing API key");
    Reply unknown = api().post("/api/v1/events", "wm_ingest_nope", event("c-401", "click", ""));
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.json().get("message").asText()).isEqualTo("unknown or revoked API key");
    // Not quarantined: counted and sampled only (decision 42, UnauthenticatedTrafficIT).
    assertThat(unknown.json().has("quarantine_id")).isFalse();
    assertThat(missing.json().has("quarantine_id")).isFalse();
  }

  @Test
  void answersOverTheRateLimitWith429AndRetryAfter() {
    String slowKey = keys.create("slow", Role.INGEST, 2.0).secret();
    String batch =
        "["
            + IntStream.range(0, 14)
                .mapToObj(i -> event("c-429", "click", ""))
                .collect(Collectors.joining(","))
            + "]";
    assertThat(collector().post("/api/v1/events", slowKey, batch).status()).isEqualTo(200);
    Reply limited = collector().post("/api/v1/events", slowKey, event("c-429", "click", ""));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(Integer.parseInt(limited.retryAfter())).isBetween(1, 3);
    assertThat(limited.json().get("message").asText()).contains("rate limit of 2.0 events/s");
    assertThat(quarantined(limited.json().get("quarantine_id").asText()).get("status").asInt())
        .isEqualTo(429);
  }

  @Test
  void ingestKeysCannotRead() {
    Reply r = api().get("/api/v1/users?q=c", INGEST_KEY);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().get("message").asText()).contains("ingest keys can only write events");
    assertThat(api().get("/api/v1/quarantine", INGEST_KEY).status()).isEqualTo(403);
  }

  @Test
  void quarantineIsForAdminsOnly() {
    assertThat(api().get("/api/v1/quarantine", null).status()).isEqualTo(401);
    assertThat(api().getBasic("/api/v1/quarantine", "admin", ADMIN_PASSWORD).status())
        .isEqualTo(200);
    assertThat(api().getBasic("/api/v1/quarantine", "admin", "wrong").status()).isEqualTo(401);
  }
}
