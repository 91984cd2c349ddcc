package io.waymark.customers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tracked attributes of one customer at one instant: a change in any of them is a new SCD2
 * version. Money is in {@code currency} (the store currency); instants are UTC.
 */
public record CustomerProfile(
    String customerId,
    Instant firstSeen,
    Instant lastSeen,
    long events30d,
    long eventsTotal,
    long sessions30d,
    long sessionsTotal,
    int orders,
    int failedPayments,
    int refunds,
    BigDecimal refundedAmount,
    BigDecimal lifetimeRevenue,
    BigDecimal averageOrderValue,
    Instant lastPurchase,
    String currency,
    int ticketsTotal,
    int ticketsOpen,
    int ticketsClosed,
    BigDecimal averageSatisfaction,
    List<String> favouriteCategories,
    List<String> linkedAnonymousIds,
    List<String> segments) {

  public CustomerProfile {
    Objects.requireNonNull(customerId, "customerId");
    favouriteCategories = List.copyOf(favouriteCategories);
    linkedAnonymousIds = List.copyOf(linkedAnonymousIds);
    segments = List.copyOf(segments);
  }

  /** The tracked attributes by their API name, in a fixed order (the basis of the hash). */
  public Map<String, Object> attributes() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("first_seen", firstSeen);
    a.put("last_seen", lastSeen);
    a.put("events_30d", events30d);
    a.put("events_total", eventsTotal);
    a.put("sessions_30d", sessions30d);
    a.put("sessions_total", sessionsTotal);
    a.put("orders", orders);
    a.put("failed_payments", failedPayments);
    a.put("refunds", refunds);
    a.put("refunded_amount", plain(refundedAmount));
    a.put("lifetime_revenue", plain(lifetimeRevenue));
    a.put("average_order_value", plain(averageOrderValue));
    a.put("last_purchase", lastPurchase);
    a.put("currency", currency);
    a.put("tickets_total", ticketsTotal);
    a.put("tickets_open", ticketsOpen);
    a.put("tickets_closed", ticketsClosed);
    a.put("average_satisfaction", plain(averageSatisfaction));
    a.put("favourite_categories", favouriteCategories);
    a.put("linked_anonymous_ids", linkedAnonymousIds);
    a.put("segments", segments);
    return a;
  }

  /** SHA-256 over the tracked attributes: equal profiles have equal hashes. */
  public String hash() {
    StringBuilder b = new StringBuilder(customerId);
    attributes().forEach((k, v) -> b.append('\u001f').append(k).append('=').append(v));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(b.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The names of the tracked attributes whose values differ from {@code older}'s. */
  public List<String> changedFrom(CustomerProfile older) {
    Map<String, Object> before = older.attributes();
    List<String> changed = new ArrayList<>();
    attributes()
        .forEach(
            (k, v) -> {
              if (!Objects.equals(v, before.get(k))) {
                changed.add(k);
              }
            });
    return changed;
  }

  /** Amounts with two decimals, so 10.0 and 10.00 compare (and hash) as the same amount. */
  private static BigDecimal plain(BigDecimal d) {
    return d == null ? null : d.setScale(2, RoundingMode.HALF_UP);
  }
}
