package io.waymark.generator.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventJsonTest {

  private static final Instant NOV_22_10_15_30 = Instant.parse("2026-11-22T10:15:30Z");
  private static final UUID ID = UUID.fromString("7f3c1c9e-5a2b-4c1d-9e8f-0a1b2c3d4e5f");

  private final ObjectMapper mapper = new ObjectMapper();
  private final EventJson json = new EventJson(mapper);

  @Test
  void rendersTimestampsInUtcWithMillisecondsAndLeavesOutNullFields() throws Exception {
    Event e =
        Event.builder(ID, "purchase", NOV_22_10_15_30)
            .identity("u-1", null)
            .orderId("ord-1")
            .money(new BigDecimal("12.30"), "EUR")
            .properties(Map.of("items", List.of()))
            .build();

    JsonNode node = mapper.readTree(json.line(e));

    assertThat(node.path("timestamp").asText()).isEqualTo("2026-11-22T10:15:30.000Z");
    assertThat(node.has("anonymous_id")).isFalse();
    assertThat(node.has("context")).isFalse();
    assertThat(node.path("amount").decimalValue()).isEqualByComparingTo("12.30");
    EventModelRules.assertValid(node);
  }

  @Test
  void sendsOneEventAsAnObjectAndSeveralAsAnArrayWithSentAt() throws Exception {
    Event e =
        Event.builder(ID, "page_view", NOV_22_10_15_30)
            .identity(null, "a-1")
            .page("https://shop.example.com/", "Home", null)
            .build();
    Instant sentAt = NOV_22_10_15_30.plusMillis(1500);

    JsonNode single = mapper.readTree(json.body(List.of(e), sentAt));
    JsonNode several = mapper.readTree(json.body(List.of(e, e), sentAt));

    assertThat(single.isObject()).isTrue();
    assertThat(single.path("sent_at").asText()).isEqualTo("2026-11-22T10:15:31.500Z");
    assertThat(several.isArray()).isTrue();
    assertThat(several).hasSize(2);
  }
}
