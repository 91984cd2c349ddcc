package io.waymark.generator.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.generator.event.Event;
import io.waymark.generator.event.EventJson;
import io.waymark.generator.event.EventModelRules;
import io.waymark.generator.shop.Catalogue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShopperSimulationTest {

  static final Instant NOV_1_2026 = Instant.parse("2026-11-01T00:00:00Z");
  private static final Catalogue CATALOGUE = Catalogue.standard();

  static List<Event> events(SimulationSettings settings, int count) {
    return new ShopperSimulation(settings, CATALOGUE).stream().limit(count).toList();
  }

  @Test
  void sameSeedYieldsTheSameEventSequence() {
    SimulationSettings settings = SimulationSettings.of(42, NOV_1_2026);

    assertThat(events(settings, 20_000)).isEqualTo(events(settings, 20_000));
    assertThat(events(SimulationSettings.of(43, NOV_1_2026), 100))
        .isNotEqualTo(events(settings, 100));
  }

  @Test
  void eventsComeInNonDecreasingTimeOrderAfterTheStart() {
    Instant previous = NOV_1_2026;
    for (Event e : events(SimulationSettings.of(1, NOV_1_2026), 200_000)) {
      assertThat(e.timestamp()).isAfterOrEqualTo(previous);
      previous = e.timestamp();
    }
  }

  @Test
  void everyEventKeepsTheEventModelRules() {
    EventJson json = new EventJson(new ObjectMapper());
    Set<String> types = new HashSet<>();
    Set<java.util.UUID> ids = new HashSet<>();
    for (Event e : events(SimulationSettings.of(2, NOV_1_2026), 100_000)) {
      EventModelRules.assertValid(json.toNode(e, null));
      types.add(e.type());
      ids.add(e.eventId());
    }
    assertThat(ids).hasSize(100_000);
    assertThat(types)
        .contains(
            "page_view",
            "product_view",
            "search",
            "add_to_cart",
            "remove_from_cart",
            "checkout",
            "purchase",
            "click",
            "scroll",
            "payment_failed",
            "login",
            "sign_up");
  }

  @Test
  void botsSendOverAHundredEventsInAMinute() {
    SimulationSettings settings = SimulationSettings.of(3, NOV_1_2026).withUsers(500, 0.01);

    assertThat(maxEventsInAWindow(events(settings, 100_000), "", Duration.ofMinutes(1)))
        .isGreaterThan(100);
  }

  @Test
  void humansStayWellBelowBotSpeed() {
    SimulationSettings settings = SimulationSettings.of(4, NOV_1_2026).withUsers(500, 0);

    assertThat(maxEventsInAWindow(events(settings, 100_000), "", Duration.ofMinutes(1)))
        .isLessThan(40);
  }

  @Test
  void cardTestersFailSeveralPaymentsInAFewMinutes() {
    SimulationSettings settings = SimulationSettings.of(5, NOV_1_2026).withUsers(2000, 0);

    assertThat(
            maxEventsInAWindow(events(settings, 400_000), "payment_failed", Duration.ofMinutes(5)))
        .isGreaterThanOrEqualTo(3);
  }

  /** The most events (of the given type, or of any type for "") one user has in a window. */
  private static int maxEventsInAWindow(List<Event> events, String type, Duration window) {
    Map<String, ArrayDeque<Instant>> recent = new HashMap<>();
    int max = 0;
    for (Event e : events) {
      if (!type.isEmpty() && !e.type().equals(type)) {
        continue;
      }
      ArrayDeque<Instant> times = recent.computeIfAbsent(e.anonymousId(), k -> new ArrayDeque<>());
      times.addLast(e.timestamp());
      while (times.getFirst().isBefore(e.timestamp().minus(window))) {
        times.removeFirst();
      }
      max = Math.max(max, times.size());
    }
    return max;
  }
}
