package io.waymark.generator.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;

/** Asserts that an event's JSON keeps the rules of docs/event-model.md (and our custom types). */
public final class EventModelRules {

  private static final Set<String> FIELDS =
      Set.of(
          "event_id",
          "type",
          "user_id",
          "anonymous_id",
          "session_id",
          "timestamp",
          "sent_at",
          "page_url",
          "page_name",
          "referrer",
          "product_id",
          "order_id",
          "amount",
          "currency",
          "search_query",
          "properties",
          "context",
          "schema_version");
  private static final Set<String> CONTEXT = Set.of("ip", "user_agent", "locale", "country");
  private static final String ISO_MILLIS_UTC =
      "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

  private EventModelRules() {}

  public static void assertValid(JsonNode e) {
    String where = e.toString();
    for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      assertThat(FIELDS).as("known field in %s", where).contains(field);
      assertThat(e.get(field).isNull()).as("null field %s in %s", field, where).isFalse();
    }
    assertThat(UUID.fromString(e.path("event_id").asText()).version()).as(where).isEqualTo(4);
    String type = e.path("type").asText();
    assertThat(type).as(where).matches("[a-z][a-z0-9_]{0,63}");
    assertThat(e.has("user_id") || e.has("anonymous_id")).as("an id in %s", where).isTrue();
    checkLength(e, "user_id", 1, 128);
    checkLength(e, "anonymous_id", 1, 128);
    checkLength(e, "session_id", 1, 128);
    checkLength(e, "page_url", 1, 2048);
    checkLength(e, "page_name", 1, 512);
    checkLength(e, "referrer", 1, 2048);
    checkLength(e, "product_id", 1, 128);
    checkLength(e, "order_id", 1, 128);
    checkLength(e, "search_query", 1, 512);
    assertThat(e.path("timestamp").asText()).as(where).matches(ISO_MILLIS_UTC);
    OffsetDateTime.parse(e.path("timestamp").asText());
    if (e.has("amount")) {
      assertThat(e.get("amount").isNumber()).as(where).isTrue();
      assertThat(e.get("amount").asDouble()).as(where).isBetween(0.0, 1e12);
      assertThat(e.path("currency").asText())
          .as("currency with amount in %s", where)
          .matches("[A-Z]{3}");
    }
    if (e.has("properties")) {
      assertThat(e.get("properties").isObject()).as(where).isTrue();
      assertThat(e.get("properties").toString().length()).as(where).isLessThanOrEqualTo(16 * 1024);
    }
    if (e.has("context")) {
      JsonNode c = e.get("context");
      c.fieldNames().forEachRemaining(f -> assertThat(CONTEXT).as(where).contains(f));
      c.forEach(v -> assertThat(v.isTextual()).as(where).isTrue());
      assertThat(c.path("country").asText()).as(where).matches("[A-Z]{2}");
      assertThat(c.path("ip").asText())
          .as("documentation address in %s", where)
          .matches("(192\\.0\\.2|198\\.51\\.100|203\\.0\\.113)\\.\\d{1,3}");
    }
    requireTypeFields(e, type, where);
  }

  private static void requireTypeFields(JsonNode e, String type, String where) {
    switch (type) {
      case "page_view" -> assertThat(e.has("page_url") || e.has("page_name")).as(where).isTrue();
      case "product_view" -> assertThat(e.has("product_id")).as(where).isTrue();
      case "add_to_cart", "remove_from_cart" -> {
        assertThat(e.has("product_id")).as(where).isTrue();
        assertThat(e.path("properties").path("quantity").asInt()).as(where).isPositive();
        assertThat(e.path("properties").path("price").isNumber()).as(where).isTrue();
      }
      case "search" -> assertThat(e.has("search_query")).as(where).isTrue();
      case "purchase" -> {
        assertThat(e.has("order_id") && e.has("amount")).as(where).isTrue();
        assertThat(e.path("currency").asText()).as(where).isEqualTo("EUR");
        assertThat(e.path("properties").path("items").isArray()).as(where).isTrue();
      }
      case "payment_failed" -> {
        assertThat(e.has("order_id") && e.has("amount")).as(where).isTrue();
        assertThat(e.path("properties").path("reason").asText()).as(where).isNotEmpty();
      }
      default -> {}
    }
  }

  private static void checkLength(JsonNode e, String field, int min, int max) {
    if (e.has(field)) {
      assertThat(e.get(field).isTextual()).as("%s is a string in %s", field, e).isTrue();
      assertThat(e.get(field).asText().length()).as("%s in %s", field, e).isBetween(min, max);
    }
  }
}
