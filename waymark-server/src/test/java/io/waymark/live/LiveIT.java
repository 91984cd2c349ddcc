package io.waymark.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.EndToEndTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Live figures over HTTP: events in, dashboard numbers out, also pushed as server-sent events. */
class LiveIT extends EndToEndTest {

  @Test
  void showsActiveUsersTopPagesAndPerMinuteCounts() {
    // NOW is 12:00; these events are one and two minutes old.
    String body =
        """
        [{"type":"page_view","user_id":"l-amy","page_url":"/live/home","session_id":"tab-1","timestamp":"2026-03-02T11:58:10Z"},
         {"type":"page_view","user_id":"l-amy","page_url":"/live/home","session_id":"tab-2","timestamp":"2026-03-02T11:59:10Z"},
         {"type":"page_view","user_id":"l-ben","page_url":"/live/home","timestamp":"2026-03-02T11:59:20Z"},
         {"type":"page_view","user_id":"l-ben","page_url":"/live/sale","timestamp":"2026-03-02T11:59:30Z"}]
        """;
    assertThat(collector().post("/api/v1/events", INGEST_KEY, body).status()).isEqualTo(200);

    JsonNode live =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> api().get("/api/v1/live?top=50", ADMIN_KEY).json(),
                j -> pageViews(j, "/live/home") == 3);
    assertThat(live.get("active_users_5m").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(pageViews(live, "/live/sale")).isEqualTo(1);
    JsonNode perMinute = live.get("per_minute_60m");
    assertThat(perMinute).hasSize(60);
    assertThat(perMinute.get(59).get("minute").asText()).isEqualTo("2026-03-02T12:00:00Z");
    assertThat(perMinute.get(58).get("minute").asText()).isEqualTo("2026-03-02T11:59:00Z");
    assertThat(perMinute.get(58).get("events").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(
            api()
                .get("/api/v1/live/users/l-amy/sessions", ADMIN_KEY)
                .json()
                .get("active_sessions")
                .asInt())
        .isEqualTo(2);
    assertThat(
            api().get("/api/v1/live/top-pages?minutes=1", ADMIN_KEY).json().get("pages").toString())
        .doesNotContain("/live/home\",\"views\":3");
  }

  @Test
  void rejectsBadWindowsAndAnonymousCallers() {
    assertThat(api().get("/api/v1/live/active-users?minutes=61", ADMIN_KEY).status())
        .isEqualTo(400);
    assertThat(api().get("/api/v1/live", null).status()).isEqualTo(401);
    assertThat(api().get("/api/v1/live", INGEST_KEY).status()).isEqualTo(403);
  }

  @Test
  void viewersGetAggregateFiguresButNotWhetherAGivenUserIsActive() {
    String viewer = key("viewer");
    String analyst = key("analyst");
    assertThat(api().get("/api/v1/live", viewer).status()).isEqualTo(200);
    assertThat(api().get("/api/v1/live/active-users", viewer).status()).isEqualTo(200);
    assertThat(api().get("/api/v1/live/top-pages", viewer).status()).isEqualTo(200);
    var refused = api().get("/api/v1/live/users/l-amy/sessions", viewer);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.raw()).doesNotContain("active_sessions");
    assertThat(api().get("/api/v1/live/users/l-amy/sessions", analyst).status()).isEqualTo(200);
  }

  private String key(String scope) {
    var r =
        api()
            .post(
                "/api/v1/keys",
                ADMIN_KEY,
                "{\"name\":\"live-%s-%s\",\"scope\":\"%s\"}"
                    .formatted(scope, java.util.UUID.randomUUID(), scope));
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
    return r.json().get("secret").asText();
  }

  @Test
  void pushesTheSummaryAsServerSentEvents() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/live/stream"))
            .header("Authorization", "Bearer " + ADMIN_KEY)
            .build();
    HttpResponse<java.io.InputStream> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      int summaries = 0;
      while (summaries < 2 && (line = reader.readLine()) != null) {
        if (line.startsWith("data:")) {
          assertThat(line).contains("\"active_users_5m\"");
          summaries++;
        }
      }
      assertThat(summaries).isEqualTo(2);
    }
  }

  private static long pageViews(JsonNode live, String page) {
    if (live == null || !live.has("top_pages_15m")) {
      return -1;
    }
    for (JsonNode p : live.get("top_pages_15m")) {
      if (p.get("page").asText().equals(page)) {
        return p.get("views").asLong();
      }
    }
    return 0;
  }
}
