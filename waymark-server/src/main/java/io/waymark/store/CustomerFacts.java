package io.waymark.store;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the store knows about one customer, over all of their identities (the customer id and the
 * anonymous ids linked to it). Instants are epoch milliseconds; "recent" counts are those at or
 * after the instant the facts were read for.
 */
public record CustomerFacts(
    String customerId,
    List<String> linkedAnonymousIds,
    Activity activity,
    List<Payment> payments,
    List<Ticket> tickets,
    List<CategoryInterest> categories) {

  public CustomerFacts {
    linkedAnonymousIds = List.copyOf(linkedAnonymousIds);
    payments = List.copyOf(payments);
    tickets = List.copyOf(tickets);
    categories = List.copyOf(categories);
  }

  /** Clickstream activity; first and last seen are null without events. */
  public record Activity(
      Long firstSeen,
      Long lastSeen,
      long eventsTotal,
      long eventsRecent,
      long sessionsTotal,
      long sessionsRecent) {
    public static final Activity NONE = new Activity(null, null, 0, 0, 0, 0);
  }

  /** Where a payment fact came from: an imported transaction or a clickstream event. */
  public enum Source {
    IMPORT,
    EVENT
  }

  /**
   * A payment: an imported transaction (status completed, failed or refunded) or a {@code purchase}
   * (completed) / {@code payment_failed} (failed) event. Amount and currency may be null for
   * events.
   */
  public record Payment(
      Source source,
      String id,
      String orderId,
      long timestamp,
      String status,
      BigDecimal amount,
      String currency) {}

  /** A support ticket: status open or closed, satisfaction 1-5 or null. */
  public record Ticket(String ticketId, long createdAt, String status, Integer satisfaction) {}

  /** How often the customer bought, added to the cart and viewed products of a category. */
  public record CategoryInterest(String category, long purchases, long cartAdds, long views) {}

  /** No event, payment or ticket for any identity: Waymark does not know this customer. */
  public boolean isEmpty() {
    return activity.eventsTotal() == 0 && payments.isEmpty() && tickets.isEmpty();
  }
}
