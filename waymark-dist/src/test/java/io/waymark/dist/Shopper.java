package io.waymark.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** Sends a few events with the ingest key and reads them back through the API. */
final class Shopper {

  private Shopper() {}

  /** Sends three events for {@code user} to the collector and waits until the API lists them. */
  static void roundTrip(int collectorPort, int apiPort, String user) {
    String events =
        "[{\"type\":\"page_view\",\"user_id\":\"%1$s\",\"page_url\":\"/home\"},"
            + "{\"type\":\"product_view\",\"user_id\":\"%1$s\",\"product_id\":\"sku-42\"},"
            + "{\"type\":\"add_to_cart\",\"user_id\":\"%1$s\",\"product_id\":\"sku-42\"}]";
    Http.Reply sent =
        Http.post(collectorPort, "/api/v1/events", Keys.INGEST, events.formatted(user));
    assertThat(sent.status()).as(sent.body()).isEqualTo(200);
    assertThat(sent.json().get("accepted").asInt()).isEqualTo(3);
    JsonNode items =
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> Http.get(apiPort, "/api/v1/users/" + user + "/events", Keys.ADMIN).json(),
                j -> j.path("items").size() == 3)
            .get("items");
    assertThat(items.findValuesAsText("type"))
        .containsExactlyInAnyOrder("page_view", "product_view", "add_to_cart");
  }
}
