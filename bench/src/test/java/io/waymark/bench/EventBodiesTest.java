package io.waymark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventBodiesTest {

  private static final Instant NOW = Instant.parse("2026-11-22T10:15:30.123Z");
  private static final Set<String> FIELDS =
      Set.of(
          "event_id",
          "type",
          "user_id",
          "anonymous_id",
          "session_id",
          "timestamp",
          "page_url",
          "page_name",
          "referrer",
          "product_id",
          "order_id",
          "amount",
          "currency",
          "search_query",
          "context");
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void makesBatchesOfTheRequestedSizeAsJsonArrays() throws Exception {
    EventBodies bodies = EventBodies.generate(3, 500, 100_000, NOW, 1);

    for (int i = 0; i < 5; i++) {
      JsonNode batch = json.readTree(bodies.next());
      assertThat(batch.isArray()).isTrue();
      assertThat(batch.size()).isEqualTo(500);
    }
  }

  @Test
  void sendsASingleEventAsAnObject() throws Exception {
    EventBodies bodies = EventBodies.generate(10, 1, 100_000, NOW, 2);

    assertThat(json.readTree(bodies.next()).isObject()).isTrue();
  }

  @Test
  void neverRepeatsAnEventIdEvenWhenBodiesAreReused() throws Exception {
    EventBodies bodies = EventBodies.generate(2, 50, 1000, NOW, 3);
    Set<String> ids = new HashSet<>();

    for (int i = 0; i < 40; i++) {
      for (JsonNode event : json.readTree(bodies.next())) {
        String id = event.get("event_id").asText();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(UUID.fromString(id).version()).isEqualTo(4);
        assertThat(ids.add(id)).as("event_id %s is new", id).isTrue();
      }
    }
    assertThat(ids).hasSize(40 * 50);
  }

  @Test
  void makesEventsThatFollowTheEventModel() throws Exception {
    EventBodies bodies = EventBodies.generate(1, 2000, 100_000, NOW, 4);
    Set<String> types = new HashSet<>();

    for (JsonNode event : json.readTree(bodies.next())) {
      event.fieldNames().forEachRemaining(f -> assertThat(FIELDS).contains(f));
      String type = event.get("type").asText();
      types.add(type);
      assertThat(event.has("user_id") || event.has("anonymous_id")).isTrue();
      assertThat(event.get("timestamp").asText()).isEqualTo("2026-11-22T10:15:30.123Z");
      assertThat(event.has("page_url") || event.has("page_name")).isTrue();
      switch (type) {
        case "product_view", "add_to_cart", "remove_from_cart" ->
            assertThat(event.has("product_id")).isTrue();
        case "search" -> assertThat(event.has("search_query")).isTrue();
        case "purchase" -> {
          assertThat(event.has("order_id")).isTrue();
          assertThat(event.get("amount").asDouble()).isBetween(0.0, 1e12);
          assertThat(event.get("currency").asText()).matches("[A-Z]{3}");
        }
        default -> {}
      }
      assertThat(event.get("context").get("country").asText()).matches("[A-Z]{2}");
    }
    assertThat(types).contains("page_view", "product_view", "search", "add_to_cart", "purchase");
  }

  @Test
  void makesRealisticallySizedEvents() {
    EventBodies bodies = EventBodies.generate(1000, 1, 100_000, NOW, 5);

    assertThat(bodies.bytesPerEvent()).isBetween(200.0, 400.0);
  }
}
