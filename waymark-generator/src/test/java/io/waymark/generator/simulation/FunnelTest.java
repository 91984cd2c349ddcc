package io.waymark.generator.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waymark.generator.event.Event;
import io.waymark.generator.shop.Catalogue;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FunnelTest {

  private static final int SESSIONS = 20_000;
  private static final Map<String, Integer> sessionsWith = new HashMap<>();

  /** Counts, per event type, how many of the first 20,000 (complete) sessions contain it. */
  @BeforeAll
  static void simulateTwentyThousandSessions() {
    SimulationSettings settings =
        SimulationSettings.of(11, ShopperSimulationTest.NOV_1_2026).withUsers(1000, 0);
    Iterator<Event> events = new ShopperSimulation(settings, Catalogue.standard());
    Map<String, Set<String>> typesBySession = new LinkedHashMap<>();
    // Read on well past the 20,000th session start so the counted sessions are complete.
    while (typesBySession.size() < SESSIONS + 2_000) {
      Event e = events.next();
      typesBySession.computeIfAbsent(e.sessionId(), k -> new HashSet<>()).add(e.type());
    }
    typesBySession.values().stream()
        .limit(SESSIONS)
        .flatMap(Set::stream)
        .forEach(type -> sessionsWith.merge(type, 1, Integer::sum));
  }

  @Test
  void fewerSessionsReachEachFurtherStep() {
    assertThat(count("purchase")).isLessThan(count("checkout"));
    assertThat(count("checkout")).isLessThan(count("add_to_cart"));
    assertThat(count("add_to_cart")).isLessThan(count("product_view"));
    assertThat(count("product_view")).isLessThan(SESSIONS);
  }

  @Test
  void dropOffFollowsTheConfiguredRates() {
    double viewed = (double) count("product_view") / SESSIONS;
    double carted = (double) count("add_to_cart") / SESSIONS;
    double checkedOut = (double) count("checkout") / count("add_to_cart");
    double purchased = (double) count("purchase") / count("checkout");

    assertThat(viewed).isCloseTo(Funnel.VIEW_PRODUCTS, within(0.03));
    assertThat(carted)
        .isCloseTo(Funnel.VIEW_PRODUCTS * Funnel.ADD_TO_CART_AFTER_VIEW, within(0.02));
    assertThat(checkedOut).isCloseTo(Funnel.CHECKOUT_AFTER_CART, within(0.05));
    assertThat(purchased).isCloseTo(Funnel.PURCHASE_AFTER_CHECKOUT, within(0.06));
  }

  @Test
  void someSessionsSearchRemoveItemsOrFailToPay() {
    assertThat((double) count("search") / SESSIONS).isCloseTo(Funnel.SEARCH, within(0.05));
    assertThat(count("remove_from_cart")).isPositive();
    assertThat(count("payment_failed")).isPositive().isLessThan(count("checkout") / 4);
  }

  private static int count(String type) {
    return sessionsWith.getOrDefault(type, 0);
  }
}
