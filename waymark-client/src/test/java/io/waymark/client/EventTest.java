package io.waymark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTest {

  private static final Instant SENT = Instant.parse("2026-11-22T10:15:30.123Z");
  private final EventJson json = new EventJson();

  private JsonNode render(Event e) throws Exception {
    return new ObjectMapper().readTree(json.body(List.of(e), SENT));
  }

  @Test
  void writesEveryFieldWithTheEventModelNames() throws Exception {
    Event e =
        Event.purchase("o-1", new BigDecimal("59.90"), "EUR")
            .userId("alice")
            .anonymousId("anon-1")
            .sessionId("s-1")
            .timestamp(Instant.parse("2026-11-22T10:15:00Z"))
            .pageUrl("/checkout/done")
            .pageName("Order placed")
            .referrer("/checkout")
            .property("coupon", "WINTER")
            .properties(Map.of("items", 2))
            .context("10.0.0.1", "curl", "de-DE", "DE")
            .build();

    JsonNode n = render(e);

    assertThat(n.get("event_id").asText()).isEqualTo(e.eventId().toString());
    assertThat(n.get("type").asText()).isEqualTo("purchase");
    assertThat(n.get("order_id").asText()).isEqualTo("o-1");
    assertThat(n.get("amount").decimalValue()).isEqualByComparingTo("59.90");
    assertThat(n.get("currency").asText()).isEqualTo("EUR");
    assertThat(n.get("timestamp").asText()).isEqualTo("2026-11-22T10:15:00.000Z");
    assertThat(n.get("sent_at").asText()).isEqualTo("2026-11-22T10:15:30.123Z");
    assertThat(n.get("properties").get("coupon").asText()).isEqualTo("WINTER");
    assertThat(n.get("context").get("user_agent").asText()).isEqualTo("curl");
    assertThat(n.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
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
            "order_id",
            "amount",
            "currency",
            "properties",
            "context");
  }

  @Test
  void eachTypeAsksForItsRequiredFields() throws Exception {
    assertThat(render(Event.productView("p-1").userId("u").build()).get("product_id").asText())
        .isEqualTo("p-1");
    assertThat(render(Event.search("boots").userId("u").build()).get("search_query").asText())
        .isEqualTo("boots");
    assertThat(render(Event.removeFromCart("p-1").userId("u").build()).get("type").asText())
        .isEqualTo("remove_from_cart");
    assertThat(render(Event.namedPageView("Home").userId("u").build()).get("page_name").asText())
        .isEqualTo("Home");
    assertThat(render(Event.checkout().userId("u").build()).get("type").asText())
        .isEqualTo("checkout");
    assertThat(render(Event.click().userId("u").build()).get("type").asText()).isEqualTo("click");
    assertThat(render(Event.custom("newsletter_signup").userId("u").build()).get("type").asText())
        .isEqualTo("newsletter_signup");
    assertThatThrownBy(() -> Event.productView(" ")).hasMessage("product_id: is required");
  }

  @Test
  void refusesAnEventWithoutUserOrAnonymousId() {
    assertThatThrownBy(() -> Event.pageView("/home").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("user_id: user_id or anonymous_id is required");
  }

  @Test
  void checksTheRequiredFieldsOfAStandardTypeBuiltGenerically() {
    assertThatThrownBy(() -> Event.of("add_to_cart").userId("u").build())
        .hasMessage("product_id: is required for add_to_cart events");
    assertThat(Event.of("add_to_cart").productId("p").userId("u").build().type())
        .isEqualTo("add_to_cart");
  }

  @Test
  void refusesACustomTypeThatIsNotLowerSnakeCase() {
    assertThatThrownBy(() -> Event.custom("Sign-Up"))
        .hasMessageStartingWith("type: must match ^[a-z][a-z0-9_]{0,63}$");
  }

  @Test
  void refusesAnAmountWithoutAnIsoCurrency() {
    assertThatThrownBy(() -> Event.purchase("o-1", BigDecimal.TEN, "euro").userId("u").build())
        .hasMessageStartingWith("currency: must be an ISO-4217 code");
  }

  @Test
  void generatesOneEventIdPerEventThatStaysTheSame() {
    Event e = Event.pageView("/a").userId("u").build();
    assertThat(e.at(SENT).eventId()).isEqualTo(e.eventId());
    assertThat(Event.pageView("/a").userId("u").build().eventId()).isNotEqualTo(e.eventId());
  }
}
