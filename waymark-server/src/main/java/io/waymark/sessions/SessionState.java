package io.waymark.sessions;

import io.waymark.events.Event;
import java.util.UUID;

/** One session of a user, as kept in the stream's per-user state; mutable by design (hot path). */
final class SessionState {
  UUID id;
  long start;
  long end;
  int events;
  int pageViews;
  int productViews;
  int cartAdds;
  int checkouts;
  int purchases;
  double revenue;
  String currency;
  String entryPage;
  long entryAt = Long.MAX_VALUE;
  String exitPage;
  long exitAt = Long.MIN_VALUE;

  /** Emitted to the sessions topic, and unchanged since. */
  boolean emitted;

  static SessionState startedBy(Event e) {
    SessionState s = new SessionState();
    s.id = e.eventId();
    s.start = e.timestamp();
    s.end = e.timestamp();
    s.add(e);
    return s;
  }

  void add(Event e) {
    start = Math.min(start, e.timestamp());
    end = Math.max(end, e.timestamp());
    events++;
    emitted = false;
    switch (e.type()) {
      case "page_view" -> {
        pageViews++;
        page(e);
      }
      case "product_view" -> {
        productViews++;
        page(e);
      }
      case "add_to_cart" -> cartAdds++;
      case "checkout" -> checkouts++;
      case "purchase" -> {
        purchases++;
        if (e.amount() != null && (currency == null || currency.equals(e.currency()))) {
          revenue += e.amount();
          currency = e.currency();
        }
      }
      default -> {}
    }
  }

  /** Takes in another session of the same user that an event has bridged to this one. */
  void absorb(SessionState other) {
    start = Math.min(start, other.start);
    end = Math.max(end, other.end);
    events += other.events;
    pageViews += other.pageViews;
    productViews += other.productViews;
    cartAdds += other.cartAdds;
    checkouts += other.checkouts;
    purchases += other.purchases;
    if (other.currency != null && (currency == null || currency.equals(other.currency))) {
      revenue += other.revenue;
      currency = other.currency;
    }
    if (other.entryAt < entryAt) {
      entryAt = other.entryAt;
      entryPage = other.entryPage;
    }
    if (other.exitAt > exitAt) {
      exitAt = other.exitAt;
      exitPage = other.exitPage;
    }
    emitted = false;
  }

  private void page(Event e) {
    String label =
        e.pageUrl() != null ? e.pageUrl() : e.pageName() != null ? e.pageName() : e.productId();
    if (e.timestamp() < entryAt) {
      entryAt = e.timestamp();
      entryPage = label;
    }
    if (e.timestamp() >= exitAt) {
      exitAt = e.timestamp();
      exitPage = label;
    }
  }
}
