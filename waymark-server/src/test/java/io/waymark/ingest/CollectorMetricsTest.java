package io.waymark.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waymark.events.Event;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CollectorMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CollectorMetrics metrics = new CollectorMetrics(registry);

  private static Event event(String type, Double amount, String currency) {
    return new Event(
        UUID.randomUUID(),
        type,
        "u1",
        null,
        null,
        1L,
        null,
        null,
        1L,
        null,
        null,
        null,
        null,
        type.equals("purchase") ? "o1" : null,
        amount,
        currency,
        null,
        null,
        Event.Context.EMPTY,
        "collector",
        Event.SCHEMA_VERSION);
  }

  private double typeCount(String type) {
    return registry.get("waymark.collector.events.by.type").tag("type", type).counter().count();
  }

  private double amount(String currency) {
    return registry
        .get("waymark.collector.purchase.amount")
        .tag("currency", currency)
        .counter()
        .count();
  }

  @Test
  void countsStandardTypesByNameAndEveryCustomTypeAsCustom() {
    metrics.acknowledged(
        List.of(
            event("page_view", null, null),
            event("page_view", null, null),
            event("newsletter_signup", null, null),
            event("coupon_applied", null, null)));
    assertThat(typeCount("page_view")).isEqualTo(2);
    assertThat(typeCount("custom")).isEqualTo(2);
    assertThat(
            registry
                .find("waymark.collector.events.by.type")
                .tag("type", "coupon_applied")
                .counter())
        .isNull();
  }

  @Test
  void sumsPurchaseAmountsPerKnownCurrencyAndTheRestAsOther() {
    metrics.acknowledged(
        List.of(
            event("purchase", 10.5, "EUR"),
            event("purchase", 4.5, "EUR"),
            event("purchase", 7.0, "USD"),
            event("purchase", 3.0, "XYZ"),
            event("add_to_cart", 99.0, "EUR")));
    assertThat(amount("EUR")).isEqualTo(15.0);
    assertThat(amount("USD")).isEqualTo(7.0);
    assertThat(amount("other")).isEqualTo(3.0);
    assertThat(typeCount("purchase")).isEqualTo(4);
  }
}
