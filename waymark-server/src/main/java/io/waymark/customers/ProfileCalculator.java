package io.waymark.customers;

import io.waymark.store.CustomerFacts;
import io.waymark.store.CustomerFacts.Payment;
import io.waymark.store.CustomerFacts.Source;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Computes a customer's profile from their facts at an explicit instant; no framework, no clock of
 * its own. Payment rules: an imported transaction is the record of an order, so a {@code purchase}
 * or {@code payment_failed} event counts only when no imported transaction of the same outcome has
 * its order id; money is summed in the store currency only (orders in other currencies are counted,
 * not summed).
 */
final class ProfileCalculator {

  private static final String COMPLETED = "completed";
  private static final String FAILED = "failed";
  private static final String REFUNDED = "refunded";

  private final CustomerSettings settings;
  private final Segments segments;

  ProfileCalculator(CustomerSettings settings) {
    this.settings = settings;
    this.segments = new Segments(settings);
  }

  CustomerProfile compute(CustomerFacts f, Instant at) {
    CustomerFacts.Activity a = f.activity();
    Instant firstSeen = instant(times(f).min());
    Instant lastSeen = instant(times(f).max());

    Map<String, Payment> completed = outcomes(f.payments(), COMPLETED);
    int failed = outcomes(f.payments(), FAILED).size();
    List<Payment> refunds = f.payments().stream().filter(p -> is(p, REFUNDED)).toList();

    BigDecimal gross = sum(completed.values().stream());
    BigDecimal refunded = sum(refunds.stream()).abs();
    long inStoreCurrency = completed.values().stream().filter(this::inStoreCurrency).count();
    BigDecimal revenue = gross.subtract(refunded);
    BigDecimal average =
        inStoreCurrency == 0
            ? null
            : gross.divide(BigDecimal.valueOf(inStoreCurrency), 2, RoundingMode.HALF_UP);
    Instant lastPurchase = instant(completed.values().stream().mapToLong(Payment::timestamp).max());

    int open = (int) f.tickets().stream().filter(t -> "open".equals(t.status())).count();
    int closed = (int) f.tickets().stream().filter(t -> "closed".equals(t.status())).count();
    var rated = f.tickets().stream().filter(t -> t.satisfaction() != null).toList();
    BigDecimal satisfaction =
        rated.isEmpty()
            ? null
            : BigDecimal.valueOf(rated.stream().mapToInt(t -> t.satisfaction()).sum())
                .divide(BigDecimal.valueOf(rated.size()), 2, RoundingMode.HALF_UP);

    return new CustomerProfile(
        f.customerId(),
        firstSeen,
        lastSeen,
        a.eventsRecent(),
        a.eventsTotal(),
        a.sessionsRecent(),
        a.sessionsTotal(),
        completed.size(),
        failed,
        refunds.size(),
        money(refunded),
        money(revenue),
        average,
        lastPurchase,
        settings.storeCurrency(),
        f.tickets().size(),
        open,
        closed,
        satisfaction,
        favouriteCategories(f.categories()),
        f.linkedAnonymousIds(),
        segments.of(firstSeen, lastSeen, revenue, at));
  }

  /**
   * The payments with this outcome, one per order: imported transactions by transaction id, then
   * events by order id unless an imported transaction of the same outcome has that order id.
   */
  private static Map<String, Payment> outcomes(List<Payment> payments, String status) {
    Map<String, Payment> out = new LinkedHashMap<>();
    Set<String> importedOrders = new HashSet<>();
    for (Payment p : payments) {
      if (p.source() == Source.IMPORT && is(p, status)) {
        out.put("t:" + p.id(), p);
        if (p.orderId() != null) {
          importedOrders.add(p.orderId());
        }
      }
    }
    payments.stream()
        .filter(p -> p.source() == Source.EVENT && is(p, status))
        .sorted(Comparator.comparingLong(Payment::timestamp).thenComparing(Payment::id))
        .forEach(
            p -> {
              if (p.orderId() == null) {
                out.put("e:" + p.id(), p);
              } else if (!importedOrders.contains(p.orderId())) {
                out.putIfAbsent("o:" + p.orderId(), p);
              }
            });
    return out;
  }

  private List<String> favouriteCategories(List<CustomerFacts.CategoryInterest> interests) {
    return interests.stream()
        .filter(c -> weight(c) > 0)
        .sorted(
            Comparator.comparingLong(this::weight)
                .reversed()
                .thenComparing(CustomerFacts.CategoryInterest::category))
        .limit(3)
        .map(CustomerFacts.CategoryInterest::category)
        .toList();
  }

  private long weight(CustomerFacts.CategoryInterest c) {
    return c.purchases() * settings.purchaseWeight()
        + c.cartAdds() * settings.cartAddWeight()
        + c.views() * settings.viewWeight();
  }

  private BigDecimal sum(Stream<Payment> payments) {
    return payments
        .filter(this::inStoreCurrency)
        .map(Payment::amount)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private boolean inStoreCurrency(Payment p) {
    return p.amount() != null && settings.storeCurrency().equalsIgnoreCase(p.currency());
  }

  private static boolean is(Payment p, String status) {
    return status.equalsIgnoreCase(p.status());
  }

  private static LongStream times(CustomerFacts f) {
    CustomerFacts.Activity a = f.activity();
    return LongStream.concat(
        Stream.of(a.firstSeen(), a.lastSeen()).filter(t -> t != null).mapToLong(Long::longValue),
        LongStream.concat(
            f.payments().stream().mapToLong(Payment::timestamp),
            f.tickets().stream().mapToLong(CustomerFacts.Ticket::createdAt)));
  }

  private static Instant instant(java.util.OptionalLong t) {
    return t.isPresent() ? Instant.ofEpochMilli(t.getAsLong()) : null;
  }

  private static BigDecimal money(BigDecimal d) {
    return d.setScale(2, RoundingMode.HALF_UP);
  }
}
