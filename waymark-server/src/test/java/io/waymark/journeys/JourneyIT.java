package io.waymark.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.EndToEndTest;
import io.waymark.WaymarkClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Journeys, user search and event history over HTTP, from events sent to the collector. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JourneyIT extends EndToEndTest {

  // Morning session 09:00-09:12, then a 48-minute gap, then an evening session from 10:00.
  private static final String MORNING_AND_LATER =
      """
      [
       {"type":"page_view","user_id":"j-ann","page_url":"/","page_name":"Home","timestamp":"2026-03-01T09:00:00Z","session_id":"s1"},
       {"type":"search","user_id":"j-ann","search_query":"boots","timestamp":"2026-03-01T09:01:00Z"},
       {"type":"product_view","user_id":"j-ann","product_id":"p-7","page_url":"/p/7","timestamp":"2026-03-01T09:02:00Z"},
       {"type":"add_to_cart","user_id":"j-ann","product_id":"p-7","timestamp":"2026-03-01T09:05:00Z"},
       {"type":"checkout","user_id":"j-ann","timestamp":"2026-03-01T09:10:00Z"},
       {"type":"purchase","user_id":"j-ann","order_id":"o-1","amount":89.9,"currency":"EUR","timestamp":"2026-03-01T09:12:00Z"},
       {"type":"page_view","user_id":"j-ann","page_url":"/blog","timestamp":"2026-03-01T10:00:00Z"},
       {"type":"page_view","user_id":"j-ann","page_url":"/help","timestamp":"2026-03-01T10:29:59Z"}
      ]
      """;

  @BeforeAll
  void sendEvents() {
    Reply r = collector().post("/api/v1/events", INGEST_KEY, MORNING_AND_LATER);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("accepted").asInt()).isEqualTo(8);
    collector()
        .post(
            "/api/v1/events",
            INGEST_KEY,
            "{\"type\":\"click\",\"user_id\":\"j-bob\",\"timestamp\":\"2026-03-01T08:00:00Z\"}");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> api().get("/api/v1/users?q=j-", ADMIN_KEY).json().get("items").size() == 2);
  }

  @Test
  void splitsSessionsAfterThirtyMinutesOfInactivity() {
    JsonNode j =
        api().get("/api/v1/users/j-ann/journey?from=2026-03-01&to=2026-03-02", ADMIN_KEY).json();
    assertThat(j.get("session_count").asInt()).isEqualTo(2);
    JsonNode first = j.get("sessions").get(0);
    assertThat(first.get("start").asText()).isEqualTo("2026-03-01T09:00:00Z");
    assertThat(first.get("end").asText()).isEqualTo("2026-03-01T09:12:00Z");
    assertThat(first.get("duration_seconds").asLong()).isEqualTo(720);
    assertThat(first.get("event_count").asInt()).isEqualTo(6);
    assertThat(first.get("purchases").asInt()).isEqualTo(1);
    assertThat(first.get("checkouts").asInt()).isEqualTo(1);
    assertThat(first.get("revenue").get("EUR").asDouble()).isEqualTo(89.9);
    assertThat(first.get("searches").get(0).get("query").asText()).isEqualTo("boots");
    assertThat(first.get("products").get(0).get("product_id").asText()).isEqualTo("p-7");
    assertThat(first.get("cart_changes").get(0).get("type").asText()).isEqualTo("add_to_cart");
    assertThat(first.get("entry_page").asText()).isEqualTo("/");
    assertThat(first.get("exit_page").asText()).isEqualTo("/p/7");
    assertThat(first.get("client_session_ids").get(0).asText()).isEqualTo("s1");
  }

  @Test
  void measuresTimeOnEachPageUntilTheNextPage() {
    JsonNode sessions =
        api()
            .get("/api/v1/users/j-ann/journey?from=2026-03-01&to=2026-03-02", ADMIN_KEY)
            .json()
            .get("sessions");
    JsonNode morning = sessions.get(0).get("pages");
    assertThat(morning.get(0).get("time_spent_seconds").asLong())
        .isEqualTo(120); // home until the product page
    assertThat(morning.get(1).get("time_spent_seconds").asLong())
        .isEqualTo(600); // product page until the purchase
    JsonNode evening = sessions.get(1).get("pages");
    assertThat(evening.get(0).get("time_spent_seconds").asLong())
        .isEqualTo(600); // 29:59 capped at 10 min
    assertThat(evening.get(1).get("time_spent_seconds").asLong())
        .isZero(); // last event of the session
  }

  @Test
  void limitsTheJourneyToThePeriod() {
    JsonNode j =
        api()
            .get(
                "/api/v1/users/j-ann/journey?from=2026-03-01T09:30:00Z&to=2026-03-01T11:00:00Z",
                ADMIN_KEY)
            .json();
    assertThat(j.get("session_count").asInt()).isEqualTo(1);
    assertThat(j.get("sessions").get(0).get("start").asText()).isEqualTo("2026-03-01T10:00:00Z");
  }

  @Test
  void defaultsToTheLastSevenDays() {
    JsonNode j = api().get("/api/v1/users/j-ann/journey", ADMIN_KEY).json();
    assertThat(j.get("from").asText()).isEqualTo("2026-02-23T12:00:00Z");
    assertThat(j.get("to").asText()).isEqualTo("2026-03-02T12:00:00Z");
    assertThat(j.get("session_count").asInt()).isEqualTo(2);
  }

  @Test
  void findsUsersByPrefix() {
    JsonNode items = api().get("/api/v1/users?q=j-a", ADMIN_KEY).json().get("items");
    assertThat(items).hasSize(1);
    assertThat(items.get(0).get("user_key").asText()).isEqualTo("j-ann");
    assertThat(items.get(0).get("event_count").asInt()).isEqualTo(8);
    assertThat(items.get(0).get("first_seen").asText()).isEqualTo("2026-03-01T09:00:00Z");
  }

  @Test
  void pagesThroughEventsNewestFirst() {
    JsonNode page1 = api().get("/api/v1/users/j-ann/events?limit=5", ADMIN_KEY).json();
    assertThat(page1.get("items")).hasSize(5);
    assertThat(page1.get("items").get(0).get("page_url").asText()).isEqualTo("/help");
    String token = page1.get("next_page_token").asText();
    JsonNode page2 =
        api().get("/api/v1/users/j-ann/events?limit=5&page_token=" + token, ADMIN_KEY).json();
    assertThat(page2.get("items")).hasSize(3);
    assertThat(page2.get("items").get(2).get("page_url").asText()).isEqualTo("/");
    assertThat(page2.has("next_page_token")).isFalse();
  }

  @Test
  void answersUnknownUsersAndBadPeriodsClearly() {
    Reply unknown = api().get("/api/v1/users/nobody/journey", ADMIN_KEY);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("message").asText()).contains("no events for user \"nobody\"");
    Reply backwards =
        api().get("/api/v1/users/j-ann/journey?from=2026-03-02&to=2026-03-01", ADMIN_KEY);
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.json().get("errors").get(0).get("field").asText()).isEqualTo("from");
    Reply badDate = api().get("/api/v1/users/j-ann/journey?from=yesterday", ADMIN_KEY);
    assertThat(badDate.status()).isEqualTo(400);
    assertThat(badDate.json().get("message").asText())
        .startsWith("from: must be an ISO-8601 instant");
    Reply badToken = api().get("/api/v1/users/j-ann/events?page_token=xyz", ADMIN_KEY);
    assertThat(badToken.status()).isEqualTo(400);
    assertThat(api().get("/api/v1/users?limit=0", ADMIN_KEY).status()).isEqualTo(400);
  }

  @Test
  void theLeanPortAnswersJourneysLikeTheApi() {
    String path = "/api/v1/users/j-ann/journey?from=2026-03-01&to=2026-03-02";
    Reply lean = collector().get(path, ADMIN_KEY);
    assertThat(lean.status()).isEqualTo(200);
    assertThat(lean.json()).isEqualTo(api().get(path, ADMIN_KEY).json());
    assertThat(lean.json().get("sessions")).isNotEmpty();

    Reply unknown = collector().get("/api/v1/users/nobody/journey", ADMIN_KEY);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json())
        .isEqualTo(api().get("/api/v1/users/nobody/journey", ADMIN_KEY).json());
    String backwards = "/api/v1/users/j-ann/journey?from=2026-03-02&to=2026-03-01";
    assertThat(collector().get(backwards, ADMIN_KEY).status()).isEqualTo(400);
    assertThat(collector().get(backwards, ADMIN_KEY).json())
        .isEqualTo(api().get(backwards, ADMIN_KEY).json());
    assertThat(
            collector()
                .get("/api/v1/users/j-ann/journey?to=soon", ADMIN_KEY)
                .json()
                .get("errors")
                .get(0)
                .get("field")
                .asText())
        .isEqualTo("to");

    assertThat(collector().get(path, INGEST_KEY).status()).isEqualTo(403);
    assertThat(collector().get(path, null).status()).isEqualTo(401);
    // Only the journey itself is served there; a longer path is not a journey.
    assertThat(collector().get("/api/v1/users/j-ann/x/journey", ADMIN_KEY).status()).isEqualTo(404);
  }

  @Test
  void answersTheLastDaysFromMemoryAndOlderPeriodsFromTheStore() {
    // The server's clock reads 2026-03-02T12:00Z, so the events of the 8 days before are held in
    // memory (decision 37); a period that starts earlier is DuckDB's to answer, with the same
    // sessions.
    assertThat(metric("waymark_store_recent_ready", "")).isEqualTo(1.0);
    double memory = metric("waymark_store_recent_reads_total", "answered=\"memory\"");
    double duckdb = metric("waymark_store_recent_reads_total", "answered=\"duckdb\"");
    JsonNode recent =
        api().get("/api/v1/users/j-ann/journey?from=2026-03-01&to=2026-03-02", ADMIN_KEY).json();
    assertThat(metric("waymark_store_recent_reads_total", "answered=\"memory\""))
        .isEqualTo(memory + 1);
    JsonNode longer =
        api().get("/api/v1/users/j-ann/journey?from=2026-02-01&to=2026-03-02", ADMIN_KEY).json();
    assertThat(metric("waymark_store_recent_reads_total", "answered=\"duckdb\""))
        .isEqualTo(duckdb + 1);
    assertThat(longer.get("sessions")).isEqualTo(recent.get("sessions"));
    assertThat(recent.get("session_count").asInt()).isEqualTo(2);
    assertThat(metric("waymark_store_recent_events", "")).isGreaterThanOrEqualTo(9);
  }

  /** The value of the Prometheus sample {@code name} whose labels include {@code label}. */
  private double metric(String name, String label) {
    return management()
        .get("/actuator/prometheus", null)
        .raw()
        .lines()
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .filter(l -> l.contains(label))
        .findFirst()
        .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .orElseThrow(() -> new AssertionError("no metric " + name + " " + label));
  }

  @Test
  void letsLoggedInAccountsRead() {
    assertThat(api().getBasic("/api/v1/users/j-ann/journey", "admin", ADMIN_PASSWORD).status())
        .isEqualTo(200);
    assertThat(api().get("/api/v1/users/j-ann/journey", null).status()).isEqualTo(401);
  }
}
