package io.waymark.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.EndToEndTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Anonymous history joins the user once an event carries both ids (identify). */
class IdentityIT extends EndToEndTest {

  @Test
  void theAnonymousHistoryBeforeIdentifyingBelongsToTheUser() {
    String body =
        """
        [{"type":"page_view","anonymous_id":"id-dev-1","page_url":"/home","timestamp":"2026-03-02T09:00:00Z"},
         {"type":"product_view","anonymous_id":"id-dev-1","product_id":"p-1","page_url":"/p/1","timestamp":"2026-03-02T09:02:00Z"},
         {"type":"page_view","user_id":"id-carla","anonymous_id":"id-dev-1","page_url":"/account","timestamp":"2026-03-02T09:05:00Z"},
         {"type":"page_view","user_id":"id-carla","page_url":"/home","timestamp":"2026-03-02T09:07:00Z"}]
        """;
    assertThat(collector().post("/api/v1/events", INGEST_KEY, body).status()).isEqualTo(200);

    JsonNode journey =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    api()
                        .get(
                            "/api/v1/users/id-carla/journey?from=2026-03-02&to=2026-03-03",
                            ADMIN_KEY)
                        .json(),
                // path(): the journey has no session until the sink has stored the events.
                j -> j.path("sessions").path(0).path("event_count").asInt() == 4);
    JsonNode session = journey.get("sessions").get(0);
    assertThat(journey.get("session_count").asInt()).isEqualTo(1);
    assertThat(session.get("start").asText()).isEqualTo("2026-03-02T09:00:00Z");
    assertThat(session.get("end").asText()).isEqualTo("2026-03-02T09:07:00Z");

    JsonNode events = api().get("/api/v1/users/id-carla/events?limit=2", ADMIN_KEY).json();
    assertThat(events.get("items")).hasSize(2);
    String next = events.get("next_page_token").asText();
    JsonNode older =
        api().get("/api/v1/users/id-carla/events?limit=10&page_token=" + next, ADMIN_KEY).json();
    assertThat(older.get("items")).hasSize(2);
    assertThat(older.get("items").get(1).get("timestamp").asText())
        .isEqualTo("2026-03-02T09:00:00Z");

    JsonNode profile =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> api().get("/v1/user/id-carla", ADMIN_KEY).json(),
                p -> p.path("number_pages_viewed_in_the_last_7_days").asInt() == 3);
    assertThat(profile.get("most_viewed_page_in_last_7_days").asText()).isEqualTo("/home");
  }
}
