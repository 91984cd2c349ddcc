package io.waymark.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.EndToEndTest;
import io.waymark.WaymarkClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The 7-day profile over HTTP: events in through the collector, GET /v1/user/{id} out. */
class ProfileIT extends EndToEndTest {

  @Test
  void answersTheContractWithExactFiguresFromStreamedEvents() {
    // NOW is 2026-03-02T12:00Z. A session across midnight, then pages named through /v1/page.
    String body =
        """
        [{"type":"page_view","user_id":"pr-019mr8mf4r","page_url":"/home","timestamp":"2026-03-01T23:50:00Z"},
         {"type":"page_view","user_id":"pr-019mr8mf4r","page_url":"/sale","timestamp":"2026-03-01T23:55:00Z"},
         {"type":"click","user_id":"pr-019mr8mf4r","timestamp":"2026-03-02T00:10:00Z"}]
        """;
    assertThat(collector().post("/api/v1/events", INGEST_KEY, body).status()).isEqualTo(200);
    for (String at : new String[] {"10:00:00", "10:04:00", "10:06:00"}) {
      Reply r =
          collector()
              .post(
                  "/v1/page",
                  INGEST_KEY,
                  "{\"user_id\":\"pr-019mr8mf4r\",\"name\":\"Blog: better B2B customer experience\","
                      + "\"timestamp\":\"2026-03-02T"
                      + at
                      + "Z\"}");
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }

    JsonNode profile =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> api().get("/v1/user/pr-019mr8mf4r", ADMIN_KEY).json(),
                j -> j != null && j.path("number_pages_viewed_in_the_last_7_days").asInt() == 5);

    assertThat(profile.get("user_id").asText()).isEqualTo("pr-019mr8mf4r");
    // 5 + 10 (capped 15) on Mar 1, then 4 + 2 on Mar 2; the last event of a session counts 0.
    assertThat(profile.get("time_spent_on_site_in_last_7_days").asLong()).isEqualTo(21);
    assertThat(profile.get("number_of_days_active_in_last_7_days").asInt()).isEqualTo(2);
    assertThat(profile.get("most_viewed_page_in_last_7_days").asText())
        .isEqualTo("Blog: better B2B customer experience");
    assertThat(profile.has("number_pages_viewed_in_the_last _7_days")).isFalse();
    // The lean collector port answers the same path with the same body.
    Reply lean = collector().get("/v1/user/pr-019mr8mf4r", ADMIN_KEY);
    assertThat(lean.status()).isEqualTo(200);
    assertThat(lean.json()).isEqualTo(profile);
  }

  @Test
  void aPageViewedFourDaysAgoAndPostedNowCountsInTheSevenDayProfile() {
    // NOW is 2026-03-02T12:00Z. A page view now sets stream time for the user's partition, so
    // the one from four days ago is later than the sessions' 72 h grace.
    for (String at : new String[] {"2026-03-02T11:59:00Z", "2026-02-26T12:00:00Z"}) {
      Reply r =
          api()
              .post(
                  "/v1/page",
                  INGEST_KEY,
                  "{\"user_id\":\"pr-late-page\",\"name\":\"Pricing\",\"timestamp\":\""
                      + at
                      + "\"}");
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }

    JsonNode profile =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> api().get("/v1/user/pr-late-page", ADMIN_KEY).json(),
                j -> j != null && j.path("number_pages_viewed_in_the_last_7_days").asInt() == 2);
    assertThat(profile.get("number_of_days_active_in_last_7_days").asInt()).isEqualTo(2);
    assertThat(profile.get("most_viewed_page_in_last_7_days").asText()).isEqualTo("Pricing");
    // Stored as an event too: the journey over those days lists both.
    JsonNode journey =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    api()
                        .get(
                            "/api/v1/users/pr-late-page/journey?from=2026-02-25&to=2026-03-03",
                            ADMIN_KEY)
                        .json(),
                j -> j != null && j.path("sessions").size() == 2);
    assertThat(journey.get("sessions")).hasSize(2);
    // Older than the 7-day window: refused, with the setting and what to do instead.
    Reply old =
        api()
            .post(
                "/v1/page",
                INGEST_KEY,
                "{\"user_id\":\"pr-late-page\",\"name\":\"Pricing\","
                    + "\"timestamp\":\"2026-02-23T11:00:00Z\"}");
    assertThat(old.status()).isEqualTo(400);
    assertThat(old.raw()).contains("max-event-age").contains("bulk import");
  }

  @Test
  void theLeanPortRefusesLikeTheApi() {
    Reply unknown = collector().get("/v1/user/pr-nobody", ADMIN_KEY);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("errors").get(0).get("field").asText()).isEqualTo("user_id");
    assertThat(unknown.json().get("message").asText())
        .isEqualTo(api().get("/v1/user/pr-nobody", ADMIN_KEY).json().get("message").asText());
    Reply ingest = collector().get("/v1/user/pr-nobody", INGEST_KEY);
    assertThat(ingest.status()).isEqualTo(403);
    assertThat(ingest.json().get("errors").get(0).get("field").asText()).isEqualTo("authorization");
    assertThat(collector().get("/v1/user/pr-nobody", null).status()).isEqualTo(401);
    assertThat(collector().get("/v1/user/pr-nobody", "wm_admin_not-a-key").status()).isEqualTo(401);
  }

  @Test
  void anUnknownUserIsNotFoundAndIngestKeysMayNotRead() {
    Reply unknown = api().get("/v1/user/pr-nobody", ADMIN_KEY);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("errors").get(0).get("field").asText()).isEqualTo("user_id");
    assertThat(unknown.json().get("message").asText()).contains("no events of user \"pr-nobody\"");
    assertThat(api().get("/v1/user/pr-nobody", INGEST_KEY).status()).isEqualTo(403);
  }
}
