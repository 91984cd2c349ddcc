package io.waymark.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.EndToEndTest;
import io.waymark.WaymarkClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Insights over HTTP from a hand-made event set. Its events are between 2026-02-27T12:30Z and
 * 14:00Z, a window no other end-to-end test writes to, so the numbers in the period are exact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightsIT extends EndToEndTest {

  private static final String PERIOD = "from=2026-02-27T13:00:00Z&to=2026-02-27T15:00:00Z";

  // ins-a buys in two currencies; ins-b browses; ins-anon-c views, identifies as ins-c and adds to
  // the cart; ins-d was first seen before the period (a returning user).
  private static final String SHOP =
      """
      [
       {"type":"click","user_id":"ins-d","timestamp":"2026-02-27T12:30:00Z"},
       {"type":"page_view","user_id":"ins-a","page_url":"/ins/home","page_name":"Home","timestamp":"2026-02-27T13:00:00Z"},
       {"type":"search","user_id":"ins-a","search_query":"Ins  Boots","timestamp":"2026-02-27T13:01:00Z"},
       {"type":"product_view","user_id":"ins-a","product_id":"ins-p1","timestamp":"2026-02-27T13:02:00Z"},
       {"type":"add_to_cart","user_id":"ins-a","product_id":"ins-p1","timestamp":"2026-02-27T13:03:00Z"},
       {"type":"checkout","user_id":"ins-a","timestamp":"2026-02-27T13:04:00Z"},
       {"type":"purchase","user_id":"ins-a","order_id":"ins-o1","amount":50.1,"currency":"EUR","timestamp":"2026-02-27T13:05:00Z"},
       {"type":"purchase","user_id":"ins-a","order_id":"ins-o2","amount":20,"currency":"USD","timestamp":"2026-02-27T13:06:00Z"},
       {"type":"page_view","user_id":"ins-b","page_url":"/ins/home","timestamp":"2026-02-27T13:10:00Z"},
       {"type":"product_view","user_id":"ins-b","product_id":"ins-p1","timestamp":"2026-02-27T13:11:00Z"},
       {"type":"product_view","user_id":"ins-b","product_id":"ins-p2","timestamp":"2026-02-27T13:12:00Z"},
       {"type":"search","user_id":"ins-b","search_query":"ins boots","timestamp":"2026-02-27T13:13:00Z"},
       {"type":"page_view","anonymous_id":"ins-anon-c","page_url":"/ins/sale","timestamp":"2026-02-27T13:20:00Z"},
       {"type":"product_view","anonymous_id":"ins-anon-c","product_id":"ins-p2","timestamp":"2026-02-27T13:21:00Z"},
       {"type":"click","user_id":"ins-c","anonymous_id":"ins-anon-c","timestamp":"2026-02-27T13:22:00Z"},
       {"type":"add_to_cart","user_id":"ins-c","product_id":"ins-p2","timestamp":"2026-02-27T13:23:00Z"},
       {"type":"page_view","user_id":"ins-d","page_url":"/ins/home","timestamp":"2026-02-27T14:00:00Z"}
      ]
      """;

  /** A later event per user closes their sessions in the period (outside it). */
  private static final String LATER =
      """
      [
       {"type":"click","user_id":"ins-a","timestamp":"2026-03-02T11:00:00Z"},
       {"type":"click","user_id":"ins-b","timestamp":"2026-03-02T11:00:00Z"},
       {"type":"click","anonymous_id":"ins-anon-c","timestamp":"2026-03-02T11:00:00Z"},
       {"type":"click","user_id":"ins-c","timestamp":"2026-03-02T11:00:00Z"},
       {"type":"click","user_id":"ins-d","timestamp":"2026-03-02T11:00:00Z"}
      ]
      """;

  private String viewerKey;

  @BeforeAll
  void sendEvents() {
    assertThat(collector().post("/api/v1/events", INGEST_KEY, SHOP).json().get("accepted").asInt())
        .isEqualTo(17);
    assertThat(collector().post("/api/v1/events", INGEST_KEY, LATER).json().get("accepted").asInt())
        .isEqualTo(5);
    Reply key =
        api()
            .post("/api/v1/keys", ADMIN_KEY, "{\"name\":\"insights-viewer\",\"scope\":\"viewer\"}");
    assertThat(key.status()).isEqualTo(201);
    viewerKey = key.json().get("secret").asText();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              JsonNode t = insights(PERIOD).json().get("totals");
              return t.get("events").asLong() == 16 && t.get("sessions").asLong() == 5;
            });
  }

  private Reply insights(String query) {
    return api().get("/api/v1/insights?" + query, viewerKey);
  }

  @Test
  void countsThePeriodsTotalsForAViewer() {
    JsonNode t = insights(PERIOD).json().get("totals");
    assertThat(t.get("events").asLong()).isEqualTo(16);
    assertThat(t.get("users").asLong()).isEqualTo(4); // ins-anon-c and ins-c are one person
    assertThat(t.get("new_users").asLong()).isEqualTo(3);
    assertThat(t.get("returning_users").asLong()).isEqualTo(1);
    assertThat(t.get("sessions").asLong()).isEqualTo(5);
    assertThat(t.get("orders").asLong()).isEqualTo(2);
    assertThat(t.get("revenue").get("EUR").asDouble()).isEqualTo(50.1);
    assertThat(t.get("revenue").get("USD").asDouble()).isEqualTo(20.0);
    assertThat(t.get("conversion_rate").asDouble()).isEqualTo(0.2); // 1 of 5 sessions
    assertThat(t.get("user_conversion_rate").asDouble()).isEqualTo(0.25); // 1 of 4 people
    assertThat(t.get("events_by_type").get("product_view").asLong()).isEqualTo(4);
  }

  @Test
  void countsTheFunnelPerUserAndPerSession() {
    JsonNode f = insights(PERIOD).json().get("funnel");
    JsonNode perUser = f.get("per_user");
    assertThat(perUser.get(0).get("step").asText()).isEqualTo("product_view");
    assertThat(perUser.get(0).get("count").asLong()).isEqualTo(3);
    assertThat(perUser.get(0).has("conversion_from_previous")).isFalse(); // no step before
    assertThat(perUser.get(1).get("count").asLong()).isEqualTo(2); // ins-c carted as anon viewer
    assertThat(perUser.get(1).get("conversion_from_previous").asDouble()).isEqualTo(0.6667);
    assertThat(perUser.get(2).get("count").asLong()).isEqualTo(1);
    assertThat(perUser.get(2).get("conversion_from_previous").asDouble()).isEqualTo(0.5);
    assertThat(perUser.get(3).get("step").asText()).isEqualTo("purchase");
    assertThat(perUser.get(3).get("count").asLong()).isEqualTo(1);
    assertThat(perUser.get(3).get("conversion_from_first").asDouble()).isEqualTo(0.3333);
    JsonNode perSession = f.get("per_session");
    assertThat(perSession.get(0).get("count").asLong()).isEqualTo(3);
    assertThat(perSession.get(1).get("count").asLong()).isEqualTo(1); // ins-c's cart: no view
    assertThat(perSession.get(3).get("count").asLong()).isEqualTo(1);
  }

  @Test
  void ranksPagesProductsSearchesAndUsers() {
    JsonNode r = insights(PERIOD).json();
    JsonNode pages = r.get("top_pages");
    assertThat(pages).hasSize(2);
    assertThat(pages.get(0).get("page").asText()).isEqualTo("/ins/home");
    assertThat(pages.get(0).get("page_name").asText()).isEqualTo("Home");
    assertThat(pages.get(0).get("views").asLong()).isEqualTo(3);
    assertThat(pages.get(1).get("page").asText()).isEqualTo("/ins/sale");
    JsonNode products = r.get("top_products");
    assertThat(products.get(0).get("product_id").asText()).isEqualTo("ins-p1");
    assertThat(products.get(0).get("views").asLong()).isEqualTo(2);
    assertThat(products.get(0).get("cart_adds").asLong()).isEqualTo(1);
    assertThat(products.get(1).get("product_id").asText()).isEqualTo("ins-p2");
    JsonNode searches = r.get("top_searches");
    assertThat(searches).hasSize(1);
    assertThat(searches.get(0).get("query").asText()).isEqualTo("ins boots");
    assertThat(searches.get(0).get("searches").asLong()).isEqualTo(2);
    JsonNode users = r.get("most_active_users");
    assertThat(users.get(0).get("user_key").asText()).isEqualTo("ins-a");
    assertThat(users.get(0).get("events").asLong()).isEqualTo(7);
    assertThat(users.get(0).get("purchases").asLong()).isEqualTo(2);
    assertThat(users.get(1).get("user_key").asText()).isEqualTo("ins-b");
    assertThat(users.get(2).get("user_key").asText()).isEqualTo("ins-c");
    assertThat(users.get(2).get("events").asLong()).isEqualTo(4);
    assertThat(insights(PERIOD + "&limit=1").json().get("top_pages")).hasSize(1);
  }

  @Test
  void splitsDaysInTheRequestedTimeZone() {
    // Brisbane is UTC+10 all year: 14:00Z is midnight there, so ins-d's page view is the 28th.
    JsonNode r = insights(PERIOD + "&tz=Australia/Brisbane").json();
    assertThat(r.get("time_zone").asText()).isEqualTo("Australia/Brisbane");
    JsonNode days = r.get("daily");
    assertThat(days).hasSize(2);
    assertThat(days.get(0).get("date").asText()).isEqualTo("2026-02-27");
    assertThat(days.get(0).get("events").asLong()).isEqualTo(15);
    assertThat(days.get(0).get("users").asLong()).isEqualTo(3);
    assertThat(days.get(0).get("new_users").asLong()).isEqualTo(3);
    assertThat(days.get(0).get("sessions").asLong()).isEqualTo(4);
    assertThat(days.get(0).get("orders").asLong()).isEqualTo(2);
    assertThat(days.get(0).get("revenue").get("EUR").asDouble()).isEqualTo(50.1);
    assertThat(days.get(1).get("date").asText()).isEqualTo("2026-02-28");
    assertThat(days.get(1).get("events").asLong()).isEqualTo(1);
    assertThat(days.get(1).get("returning_users").asLong()).isEqualTo(1);
    assertThat(days.get(1).get("sessions").asLong()).isEqualTo(1);
    JsonNode utc = insights(PERIOD).json().get("daily");
    assertThat(utc).hasSize(1);
    assertThat(utc.get(0).get("events").asLong()).isEqualTo(16);
  }

  @Test
  void defaultsToThirtyDaysEndingToday() {
    JsonNode r = insights("").json();
    assertThat(r.get("from").asText()).isEqualTo("2026-02-01T00:00:00Z");
    assertThat(r.get("to").asText()).isEqualTo("2026-03-03T00:00:00Z");
    assertThat(r.get("time_zone").asText()).isEqualTo("UTC");
    assertThat(r.get("daily")).hasSize(30);
    assertThat(r.get("totals").get("events").asLong()).isGreaterThanOrEqualTo(16);
  }

  @Test
  void countsTheLastDaysUpToTodayByTheServersClock() {
    JsonNode r = insights("days=7&tz=Australia/Brisbane").json();
    // NOW is 22:00 on 2 March in Brisbane: 24 February to 2 March, local midnights.
    assertThat(r.get("from").asText()).isEqualTo("2026-02-23T14:00:00Z");
    assertThat(r.get("to").asText()).isEqualTo("2026-03-02T14:00:00Z");
    assertThat(r.get("daily")).hasSize(7);
  }

  @Test
  void reportsADayNextToTheDayBefore() {
    Reply r = api().get("/api/v1/insights/report?date=2026-02-28&tz=Australia/Brisbane", viewerKey);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("date").asText()).isEqualTo("2026-02-28");
    assertThat(r.json().get("day").get("from").asText()).isEqualTo("2026-02-27T14:00:00Z");
    // ins-d's first event (12:30Z) is 22:30 on the 27th in Brisbane: new that day
    assertThat(r.json().get("previous_day").get("new_users").asLong()).isEqualTo(4);
    assertThat(r.json().get("previous_day").get("orders").asLong()).isEqualTo(2);
    Reply yesterday = api().get("/api/v1/insights/report", viewerKey);
    assertThat(yesterday.json().get("date").asText()).isEqualTo("2026-03-01");
  }

  @Test
  void refusesBadParametersNamingTheField() {
    assertBad("from=2026-03-02&to=2026-03-01", "from", "must be before to");
    assertBad("from=2025-01-01&to=2026-03-01", "to", "at most 400 days");
    assertBad("tz=Mars/Olympus", "tz", "IANA time zone");
    assertBad("from=2026-02-27T13:05:00Z&to=2026-02-27T15:00:00Z", "from", "quarter hour");
    assertBad("from=yesterday", "from", "must be a date");
    assertBad("limit=0", "limit", "between 1 and 100");
    assertBad("limit=abc", "limit", "invalid value");
    assertBad("days=0", "days", "between 1 and 400");
    assertBad("days=7&from=2026-02-01", "days", "either days or from and to");
    Reply report = api().get("/api/v1/insights/report?date=28.02.2026", viewerKey);
    assertThat(report.status()).isEqualTo(400);
    assertThat(report.json().get("errors").get(0).get("field").asText()).isEqualTo("date");
  }

  private void assertBad(String query, String field, String reason) {
    Reply r = insights(query);
    assertThat(r.status()).as(query).isEqualTo(400);
    assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo(field);
    assertThat(r.json().get("errors").get(0).get("reason").asText()).contains(reason);
  }

  @Test
  void isDescribedInTheOpenApiDocument() {
    JsonNode paths = api().get("/v3/api-docs", null).json().get("paths");
    JsonNode get = paths.get("/api/v1/insights").get("get");
    assertThat(get.get("parameters").findValuesAsText("name"))
        .contains("from", "to", "days", "tz", "limit");
    assertThat(
            paths
                .get("/api/v1/insights/report")
                .get("get")
                .get("parameters")
                .findValuesAsText("name"))
        .contains("date", "tz", "limit");
  }

  @Test
  void needsAnAccountOrAReadKey() {
    assertThat(api().get("/api/v1/insights?" + PERIOD, null).status()).isEqualTo(401);
    assertThat(api().get("/api/v1/insights?" + PERIOD, INGEST_KEY).status()).isEqualTo(403);
    assertThat(api().get("/api/v1/insights/report", null).status()).isEqualTo(401);
  }
}
