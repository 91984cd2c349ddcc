package io.waymark.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.EndToEndTest;
import io.waymark.WaymarkClient.Reply;
import io.waymark.store.CustomerFixtures;
import io.waymark.store.CustomerStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The customer profile over HTTP: clickstream through the collector, imported facts in the store,
 * {@code /api/v1/customers} out. The process clock is fixed at NOW, so every version starts there.
 */
class CustomersIT extends EndToEndTest {

  @Autowired CustomerStore customers;

  private JsonNode customerOnceSunk(String id, int events) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> api().get("/api/v1/customers/" + id, ADMIN_KEY),
            r -> r.status() == 200 && r.json().at("/profile/events_total").asInt() == events)
        .json();
  }

  @Test
  void joinsClickstreamImportsAndAnonymousHistoryIntoOneCustomer() {
    String body =
        """
        [{"type":"product_view","anonymous_id":"cu-dev-1","product_id":"cu-p-1","page_url":"/p/1","timestamp":"2026-03-02T09:00:00Z"},
         {"type":"add_to_cart","anonymous_id":"cu-dev-1","product_id":"cu-p-2","page_url":"/p/2","timestamp":"2026-03-02T09:01:00Z"},
         {"type":"page_view","user_id":"cu-nina","anonymous_id":"cu-dev-1","page_url":"/account","timestamp":"2026-03-02T09:05:00Z"},
         {"type":"purchase","user_id":"cu-nina","product_id":"cu-p-1","order_id":"cu-o-1","amount":80.0,"currency":"EUR","timestamp":"2026-03-02T09:10:00Z"}]
        """;
    assertThat(collector().post("/api/v1/events", INGEST_KEY, body).status()).isEqualTo(200);
    Instant imported = NOW.minusSeconds(60);
    CustomerFixtures.catalogue(customers, "cu-p-1", "Shoes", imported);
    CustomerFixtures.catalogue(customers, "cu-p-2", "Hats", imported);
    CustomerFixtures.transaction(
        customers,
        "cu-t-1",
        "cu-o-1",
        "cu-nina",
        Instant.parse("2026-03-02T09:10:02Z"),
        "completed",
        "80.00",
        "EUR",
        imported);
    CustomerFixtures.transaction(
        customers,
        "cu-t-2",
        "cu-o-1",
        "cu-nina",
        Instant.parse("2026-03-02T10:00:00Z"),
        "refunded",
        "15.50",
        "EUR",
        imported);
    CustomerFixtures.ticket(
        customers, "cu-k-1", "cu-nina", Instant.parse("2026-03-02T10:30:00Z"), "open", 4, imported);

    JsonNode c = customerOnceSunk("cu-nina", 4);
    JsonNode p = c.get("profile");

    assertThat(c.get("customer_id").asText()).isEqualTo("cu-nina");
    assertThat(c.get("current").asBoolean()).isTrue();
    assertThat(c.get("valid_from").asText()).isEqualTo("2026-03-02T12:00:00Z");
    assertThat(p.get("first_seen").asText()).isEqualTo("2026-03-02T09:00:00Z");
    assertThat(p.get("last_seen").asText()).isEqualTo("2026-03-02T10:30:00Z");
    assertThat(p.get("orders").asInt()).isEqualTo(1);
    assertThat(p.get("refunds").asInt()).isEqualTo(1);
    assertThat(p.get("refunded_amount").decimalValue()).isEqualByComparingTo("15.50");
    assertThat(p.get("lifetime_revenue").decimalValue()).isEqualByComparingTo("64.50");
    assertThat(p.get("average_order_value").decimalValue()).isEqualByComparingTo("80.00");
    assertThat(p.get("last_purchase").asText()).isEqualTo("2026-03-02T09:10:02Z");
    assertThat(p.get("tickets_open").asInt()).isEqualTo(1);
    assertThat(p.get("average_satisfaction").decimalValue()).isEqualByComparingTo("4");
    // Shoes: a view and a purchase (1 + 5); Hats: a cart add (3)
    assertThat(p.get("favourite_categories").toString()).isEqualTo("[\"Shoes\",\"Hats\"]");
    assertThat(p.get("linked_anonymous_ids").toString()).isEqualTo("[\"cu-dev-1\"]");
    assertThat(p.get("segments").toString()).isEqualTo("[\"new\",\"active\"]");

    Reply merged = api().get("/api/v1/customers/cu-dev-1", ADMIN_KEY);
    assertThat(merged.status()).isEqualTo(404);
    assertThat(merged.json().at("/errors/0/reason").asText())
        .contains("merged into customer \"cu-nina\"");
  }

  @Test
  void answersAsOfAndHistoryAndRefusesBadDatesAndUnknownIds() {
    String body =
        """
        [{"type":"page_view","user_id":"cu-omar","page_url":"/home","timestamp":"2026-03-02T08:00:00Z"}]
        """;
    assertThat(collector().post("/api/v1/events", INGEST_KEY, body).status()).isEqualTo(200);
    customerOnceSunk("cu-omar", 1);

    JsonNode asOfNow =
        api().get("/api/v1/customers/cu-omar?as_of=2026-03-02T12:00:00Z", ADMIN_KEY).json();
    assertThat(asOfNow.get("version").asInt()).isEqualTo(1);
    assertThat(asOfNow.at("/profile/events_total").asInt()).isEqualTo(1);

    Reply before = api().get("/api/v1/customers/cu-omar?as_of=2026-03-02T11:59:59.999Z", ADMIN_KEY);
    assertThat(before.status()).isEqualTo(404);
    assertThat(before.json().at("/errors/0/field").asText()).isEqualTo("as_of");
    assertThat(before.json().at("/errors/0/reason").asText())
        .contains("before the first version")
        .contains("2026-03-02T12:00:00Z");
    assertThat(api().get("/api/v1/customers/cu-omar?as_of=2026-03-01", ADMIN_KEY).status())
        .isEqualTo(404);

    Reply bad = api().get("/api/v1/customers/cu-omar?as_of=yesterday", ADMIN_KEY);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("as_of");
    assertThat(bad.json().at("/errors/0/reason").asText()).contains("ISO-8601");

    JsonNode history = api().get("/api/v1/customers/cu-omar/history", ADMIN_KEY).json();
    assertThat(history.get("customer_id").asText()).isEqualTo("cu-omar");
    assertThat(history.get("items")).hasSize(1);
    assertThat(history.at("/items/0/current").asBoolean()).isTrue();
    assertThat(history.at("/items/0/changed")).isEmpty();

    Reply unknown = api().get("/api/v1/customers/cu-nobody", ADMIN_KEY);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().at("/errors/0/field").asText()).isEqualTo("id");
    assertThat(unknown.json().at("/errors/0/reason").asText())
        .contains("no customer \"cu-nobody\"");
    assertThat(api().get("/api/v1/customers/cu-nobody/history", ADMIN_KEY).status()).isEqualTo(404);
  }

  @Test
  void analystsAndAdminsMayReadCustomersViewersMayNot() {
    String body =
        """
        [{"type":"page_view","user_id":"cu-pia","page_url":"/home","timestamp":"2026-03-02T08:00:00Z"}]
        """;
    assertThat(collector().post("/api/v1/events", INGEST_KEY, body).status()).isEqualTo(200);
    customerOnceSunk("cu-pia", 1);
    account("cu-viewer", "viewer-password-1", "viewer");
    account("cu-analyst", "analyst-password-1", "analyst");

    assertThat(
            api().getBasic("/api/v1/customers/cu-pia", "cu-viewer", "viewer-password-1").status())
        .isEqualTo(403);
    assertThat(
            api()
                .getBasic("/api/v1/customers/cu-pia/history", "cu-viewer", "viewer-password-1")
                .status())
        .isEqualTo(403);
    assertThat(
            api().getBasic("/api/v1/customers/cu-pia", "cu-analyst", "analyst-password-1").status())
        .isEqualTo(200);
    assertThat(api().get("/api/v1/customers/cu-pia", null).status()).isEqualTo(401);
    assertThat(api().get("/api/v1/customers/cu-pia", INGEST_KEY).status()).isEqualTo(403);
    JsonNode docs = api().get("/v3/api-docs", null).json();
    assertThat(docs.at("/paths").has("/api/v1/customers/{id}")).isTrue();
    assertThat(docs.at("/paths").has("/api/v1/customers/{id}/history")).isTrue();
  }

  private void account(String username, String password, String role) {
    Reply r =
        api()
            .post(
                "/api/v1/accounts",
                ADMIN_KEY,
                "{\"username\":\"%s\",\"password\":\"%s\",\"role\":\"%s\"}"
                    .formatted(username, password, role));
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
  }
}
