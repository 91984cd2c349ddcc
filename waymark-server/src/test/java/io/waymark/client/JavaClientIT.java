package io.waymark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.EndToEndTest;
import io.waymark.admin.ApiKeys;
import io.waymark.admin.Role;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Java client against the real Waymark process: what it sends is stored once, read back through
 * the users API, also when it had to send a batch again.
 */
class JavaClientIT extends EndToEndTest {

  // Few distinct page URLs: the live top pages of the shared test server are also read by LiveIT.

  private static final Duration GENEROUS = Duration.ofSeconds(60);

  @Autowired ApiKeys keys;

  private final RecordingListener listener = new RecordingListener();

  private WaymarkClient.Builder client(String url, String key) {
    return WaymarkClient.builder(url, key)
        .batchSize(50)
        .backoff(Duration.ofMillis(100), Duration.ofSeconds(5))
        .listener(listener);
  }

  /** The user's stored events, by event id, once there are {@code expected} of them. */
  private Map<String, JsonNode> stored(String user, int expected) {
    JsonNode items =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> api().get("/api/v1/users/" + user + "/events?limit=500", ADMIN_KEY),
                r -> r.status() == 200 && r.json().get("items").size() >= expected)
            .json()
            .get("items");
    List<JsonNode> list = new ArrayList<>();
    items.forEach(list::add);
    assertThat(list).hasSize(expected);
    return list.stream()
        .collect(Collectors.toMap(e -> e.get("event_id").asText(), Function.identity()));
  }

  @Test
  void storesEveryEventTypeTheClientBuilds() {
    String user = "client-types";
    List<Event> events =
        List.of(
            Event.pageView("/home").userId(user).pageName("Home").build(),
            Event.search("winter boots").userId(user).build(),
            Event.productView("sku-42").userId(user).pageUrl("/p/sku-42").build(),
            Event.addToCart("sku-42").userId(user).property("quantity", 2).build(),
            Event.removeFromCart("sku-42").userId(user).build(),
            Event.checkout().userId(user).build(),
            Event.purchase("o-1", new BigDecimal("59.90"), "EUR").userId(user).build(),
            Event.click().userId(user).property("target", "banner").build(),
            Event.custom("newsletter_signup").userId(user).build());
    try (WaymarkClient client = client(collectorUrl(), INGEST_KEY).build()) {
      events.forEach(client::track);
      assertThat(client.flush(GENEROUS)).isTrue();
      assertThat(client.stats().accepted()).isEqualTo(events.size());
    }

    Map<String, JsonNode> stored = stored(user, events.size());
    for (Event e : events) {
      assertThat(stored.get(e.eventId().toString()).get("type").asText()).isEqualTo(e.type());
    }
    JsonNode purchase = stored.get(events.get(6).eventId().toString());
    assertThat(purchase.get("amount").asDouble()).isEqualTo(59.90);
    assertThat(purchase.get("currency").asText()).isEqualTo("EUR");
    // sent_at corrected the client clock to the server's: the event is "now" on the server.
    assertThat(purchase.get("timestamp").asText()).startsWith("2026-03-02T1");
    assertThat(listener.rejected).isEmpty();
  }

  @Test
  void aBatchWhoseAnswerWasLostIsSentAgainAndStoredOnce() throws Exception {
    String user = "client-lost-answer";
    try (LosingProxy proxy = new LosingProxy(collectorUrl(), 1);
        WaymarkClient client = client(proxy.url(), INGEST_KEY).build()) {
      for (int i = 0; i < 5; i++) {
        client.track(Event.pageView("/client/lost-answer").userId(user).property("n", i));
      }
      assertThat(client.flush(GENEROUS)).isTrue();

      assertThat(proxy.forwarded.get()).isEqualTo(2);
      assertThat(client.stats().retries()).isEqualTo(1);
      assertThat(listener.retries.get(0)).contains("cannot reach");
    }
    assertThat(stored(user, 5)).hasSize(5);
  }

  @Test
  void aRateLimitedClientWaitsForRetryAfterAndDeliversEverythingOnce() {
    String user = "client-rate-limited";
    String limitedKey = keys.create("rate-limited client", Role.INGEST, 10.0).secret();
    try (WaymarkClient client = client(apiUrl(), limitedKey).batchSize(60).build()) {
      for (int i = 0; i < 60; i++) {
        client.track(Event.pageView("/client/burst").userId(user).property("n", i));
      }
      assertThat(client.flush(GENEROUS)).isTrue();
      for (int i = 0; i < 10; i++) {
        client.track(Event.pageView("/client/after-burst").userId(user).property("n", i));
      }
      assertThat(client.flush(GENEROUS)).isTrue();

      assertThat(listener.retries).isNotEmpty().allMatch(r -> r.contains("HTTP 429"));
      assertThat(client.stats().accepted()).isEqualTo(70);
    }
    assertThat(stored(user, 70)).hasSize(70);
  }
}
