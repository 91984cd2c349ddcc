package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.EndToEndTest;
import io.waymark.WaymarkClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Compaction through the admin API on the running process, and journeys after the swap. */
class CompactionIT extends EndToEndTest {

  private static final String EVENTS =
      """
      [
       {"type":"page_view","user_id":"cmp-ann","page_url":"/","timestamp":"2026-03-01T09:00:00Z"},
       {"type":"product_view","user_id":"cmp-ann","product_id":"p-1","page_url":"/p/1","timestamp":"2026-03-01T09:02:00Z"},
       {"type":"page_view","user_id":"cmp-bob","page_url":"/","timestamp":"2026-03-01T08:00:00Z"},
       {"type":"purchase","user_id":"cmp-ann","order_id":"o-9","amount":12.5,"currency":"EUR","timestamp":"2026-03-01T09:05:00Z"}
      ]
      """;

  private static final String JOURNEY =
      "/api/v1/users/cmp-ann/journey?from=2026-03-01&to=2026-03-02";

  @Test
  void anAdminStartsACompactionAndJourneysStillAnswerAfterTheSwap() {
    assertThat(collector().post("/api/v1/events", INGEST_KEY, EVENTS).status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                api()
                        .get(JOURNEY, ADMIN_KEY)
                        .json()
                        .path("sessions")
                        .path(0)
                        .path("event_count")
                        .asInt()
                    == 3);
    JsonNode before = api().get(JOURNEY, ADMIN_KEY).json();

    Reply started = api().post("/api/v1/admin/store/compaction", ADMIN_KEY, "");
    assertThat(started.status()).as(started.raw()).isEqualTo(202);
    assertThat(started.json().get("trigger").asText()).isEqualTo("api");
    long id = started.json().get("id").asLong();

    JsonNode last =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> api().get("/api/v1/admin/store/compaction", ADMIN_KEY).json().path("last"),
                run -> run.path("id").asLong() >= id);
    assertThat(last.get("status").asText()).as(last.toString()).isEqualTo("SUCCEEDED");
    assertThat(last.get("event_rows").asLong()).isGreaterThanOrEqualTo(4);
    assertThat(last.get("bytes_before").asLong()).isPositive();
    assertThat(last.get("bytes_after").asLong()).isPositive();
    assertThat(last.has("pause_ms")).isTrue();

    assertThat(api().get(JOURNEY, ADMIN_KEY).json()).isEqualTo(before);
    assertThat(api().get("/api/v1/users?q=cmp-", ADMIN_KEY).json().get("items")).hasSize(2);
    JsonNode health = management().get("/actuator/health", null).json();
    assertThat(health.at("/components/store/details/lastCompactionStatus").asText())
        .isEqualTo("succeeded");
    assertThat(management().get("/actuator/prometheus", null).raw())
        .contains("waymark_store_compaction_seconds_count");

    // The sink writes into the new file.
    String late =
        "{\"type\":\"page_view\",\"user_id\":\"cmp-late\",\"page_url\":\"/\",\"timestamp\":\"2026-03-01T10:00:00Z\"}";
    assertThat(collector().post("/api/v1/events", INGEST_KEY, late).status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> api().get("/api/v1/users?q=cmp-late", ADMIN_KEY).json().get("items").size() == 1);
  }

  @Test
  void onlyAnAdminMayStartOrSeeACompaction() {
    Reply created =
        api().post("/api/v1/keys", ADMIN_KEY, "{\"name\":\"cmp analyst\",\"scope\":\"analyst\"}");
    assertThat(created.status()).as(created.raw()).isEqualTo(201);
    String analyst = created.json().get("secret").asText();

    assertThat(api().post("/api/v1/admin/store/compaction", analyst, "").status()).isEqualTo(403);
    assertThat(api().get("/api/v1/admin/store/compaction", analyst).status()).isEqualTo(403);
    assertThat(api().post("/api/v1/admin/store/compaction", null, "").status()).isEqualTo(401);
  }
}
