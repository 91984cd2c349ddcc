package io.waymark.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.EndToEndTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Sessions closed by the stream processor, stored and served over HTTP. */
class SessionsIT extends EndToEndTest {

  @Test
  void storesSessionsOnceStreamTimeHasMovedThirtyMinutesPastThem() {
    String body =
        """
        [{"type":"page_view","user_id":"s-eve","page_url":"/","timestamp":"2026-03-01T18:00:00Z"},
         {"type":"product_view","user_id":"s-eve","product_id":"p-1","page_url":"/p/1","timestamp":"2026-03-01T18:03:00Z"},
         {"type":"purchase","user_id":"s-eve","order_id":"o-9","amount":30,"currency":"EUR","timestamp":"2026-03-01T18:05:00Z"},
         {"type":"page_view","user_id":"s-eve","page_url":"/again","timestamp":"2026-03-01T20:00:00Z"}]
        """;
    assertThat(collector().post("/api/v1/events", INGEST_KEY, body).status()).isEqualTo(200);
    advanceStreamTimeOnEveryPartition("2026-03-02T11:59:00Z");

    JsonNode items =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    api()
                        .get(
                            "/api/v1/users/s-eve/sessions?from=2026-03-01&to=2026-03-02", ADMIN_KEY)
                        .json(),
                j -> j != null && j.has("items") && j.get("items").size() == 2)
            .get("items");
    JsonNode first = items.get(0);
    assertThat(first.get("start").asText()).isEqualTo("2026-03-01T18:00:00Z");
    assertThat(first.get("end").asText()).isEqualTo("2026-03-01T18:05:00Z");
    assertThat(first.get("duration_seconds").asLong()).isEqualTo(300);
    assertThat(first.get("event_count").asInt()).isEqualTo(3);
    assertThat(first.get("purchases").asInt()).isEqualTo(1);
    assertThat(first.get("revenue").asDouble()).isEqualTo(30.0);
    assertThat(first.get("entry_page").asText()).isEqualTo("/");
    assertThat(first.get("exit_page").asText()).isEqualTo("/p/1");

    JsonNode journey =
        api().get("/api/v1/users/s-eve/journey?from=2026-03-01&to=2026-03-02", ADMIN_KEY).json();
    assertThat(journey.get("session_count").asInt()).isEqualTo(2);
    assertThat(journey.get("sessions").get(0).get("start").asText())
        .isEqualTo(first.get("start").asText());
    assertThat(journey.get("sessions").get(0).get("event_count").asInt()).isEqualTo(3);
  }
}
