package io.waymark.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.store.CustomerFacts;
import io.waymark.store.CustomerFacts.Activity;
import io.waymark.store.CustomerFacts.CategoryInterest;
import io.waymark.store.CustomerFacts.Payment;
import io.waymark.store.CustomerFacts.Source;
import io.waymark.store.CustomerFacts.Ticket;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The profile computed from facts, with exact figures. */
class ProfileCalculatorTest {

  static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
  static final Instant FIRST_VISIT = NOW.minus(Duration.ofDays(20));
  static final Instant LAST_VISIT = NOW.minus(Duration.ofDays(2));

  final ProfileCalculator calculator = new ProfileCalculator(CustomerSettings.defaults());

  static long at(Duration ago) {
    return NOW.minus(ago).toEpochMilli();
  }

  static Payment imported(String id, String order, Duration ago, String status, String amount) {
    return new Payment(Source.IMPORT, id, order, at(ago), status, new BigDecimal(amount), "EUR");
  }

  static Payment event(String id, String order, Duration ago, String status, String amount) {
    return new Payment(Source.EVENT, id, order, at(ago), status, new BigDecimal(amount), "EUR");
  }

  static CustomerFacts facts(List<Payment> payments, List<Ticket> tickets) {
    return new CustomerFacts(
        "kim",
        List.of("dev-1", "dev-2"),
        new Activity(FIRST_VISIT.toEpochMilli(), LAST_VISIT.toEpochMilli(), 120, 40, 9, 3),
        payments,
        tickets,
        List.of(
            new CategoryInterest("books", 0, 0, 7),
            new CategoryInterest("shoes", 1, 0, 0),
            new CategoryInterest("hats", 0, 2, 0),
            new CategoryInterest("games", 0, 1, 4),
            new CategoryInterest("toys", 0, 0, 0)));
  }

  @Test
  void sumsOrdersRefundsAndRevenueWithImportsWinningOverTheSameOrdersEvents() {
    CustomerFacts f =
        facts(
            List.of(
                imported("t-1", "o-1", Duration.ofDays(10), "completed", "100.00"),
                imported("t-2", "o-2", Duration.ofDays(5), "completed", "50.50"),
                imported("t-3", "o-2", Duration.ofDays(4), "refunded", "20.25"),
                imported("t-4", "o-3", Duration.ofDays(6), "failed", "70.00"),
                // the same order as t-1: counted once, at the imported amount
                event("e-1", "o-1", Duration.ofDays(10), "completed", "99.00"),
                // an order only the clickstream knows
                event("e-2", "o-4", Duration.ofDays(3), "completed", "30.00"),
                // the failure already imported as t-4, then one the import does not have
                event("e-3", "o-3", Duration.ofDays(6), "failed", "70.00"),
                event("e-4", "o-5", Duration.ofDays(2), "failed", "10.00"),
                new Payment(
                    Source.IMPORT,
                    "t-5",
                    "o-6",
                    at(Duration.ofDays(8)),
                    "completed",
                    new BigDecimal("500"),
                    "USD")),
            List.of());

    CustomerProfile p = calculator.compute(f, NOW);

    assertThat(p.orders()).isEqualTo(4);
    assertThat(p.failedPayments()).isEqualTo(2);
    assertThat(p.refunds()).isEqualTo(1);
    assertThat(p.refundedAmount()).isEqualTo(new BigDecimal("20.25"));
    // 100.00 + 50.50 + 30.00 completed in EUR, minus 20.25 refunded; the USD order is not summed
    assertThat(p.lifetimeRevenue()).isEqualTo(new BigDecimal("160.25"));
    assertThat(p.averageOrderValue()).isEqualTo(new BigDecimal("60.17"));
    assertThat(p.lastPurchase()).isEqualTo(NOW.minus(Duration.ofDays(3)));
    assertThat(p.currency()).isEqualTo("EUR");
  }

  @Test
  void countsActivityTicketsAndSatisfactionAndKeepsTheLinkedIds() {
    CustomerFacts f =
        facts(
            List.of(),
            List.of(
                new Ticket("k-1", at(Duration.ofDays(15)), "closed", 5),
                new Ticket("k-2", at(Duration.ofDays(9)), "closed", 2),
                new Ticket("k-3", at(Duration.ofDays(1)), "open", null)));

    CustomerProfile p = calculator.compute(f, NOW);

    assertThat(p.firstSeen()).isEqualTo(FIRST_VISIT);
    assertThat(p.lastSeen()).isEqualTo(NOW.minus(Duration.ofDays(1)));
    assertThat(p.eventsTotal()).isEqualTo(120);
    assertThat(p.events30d()).isEqualTo(40);
    assertThat(p.sessionsTotal()).isEqualTo(9);
    assertThat(p.sessions30d()).isEqualTo(3);
    assertThat(p.ticketsTotal()).isEqualTo(3);
    assertThat(p.ticketsOpen()).isEqualTo(1);
    assertThat(p.ticketsClosed()).isEqualTo(2);
    assertThat(p.averageSatisfaction()).isEqualTo(new BigDecimal("3.50"));
    assertThat(p.linkedAnonymousIds()).containsExactly("dev-1", "dev-2");
    assertThat(p.orders()).isZero();
    assertThat(p.averageOrderValue()).isNull();
    assertThat(p.lifetimeRevenue()).isEqualTo(new BigDecimal("0.00"));
  }

  @Test
  void favouriteCategoriesWeighPurchasesOverCartAddsOverViews() {
    // books 7 views = 7; games 1 cart + 4 views = 7; hats 2 carts = 6; shoes 1 purchase = 5
    CustomerProfile p = calculator.compute(facts(List.of(), List.of()), NOW);

    assertThat(p.favouriteCategories()).containsExactly("books", "games", "hats");
  }

  @Test
  void aPurchaseOutweighsAViewOfAnotherCategory() {
    CustomerFacts f =
        new CustomerFacts(
            "lea",
            List.of(),
            new Activity(NOW.toEpochMilli(), NOW.toEpochMilli(), 2, 2, 0, 0),
            List.of(),
            List.of(),
            List.of(new CategoryInterest("a", 0, 0, 4), new CategoryInterest("b", 1, 0, 0)));

    assertThat(calculator.compute(f, NOW).favouriteCategories()).containsExactly("b", "a");
  }

  @Test
  void equalFactsGiveEqualHashesAndAChangeNamesTheAttribute() {
    CustomerProfile a = calculator.compute(facts(List.of(), List.of()), NOW);
    CustomerProfile b = calculator.compute(facts(List.of(), List.of()), NOW);
    CustomerProfile later =
        calculator.compute(facts(List.of(), List.of()), NOW.plus(Duration.ofDays(10)));

    assertThat(a.hash()).isEqualTo(b.hash());
    assertThat(later.hash()).isNotEqualTo(a.hash());
    assertThat(later.changedFrom(a)).containsExactly("segments");
    assertThat(a.segments()).containsExactly("active");
    assertThat(later.segments()).isEmpty();
  }
}
