package io.waymark.journeys;

import io.waymark.events.Event;
import io.waymark.sessions.Sessionizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds sessions from a user's time-ordered events. Time on a page runs from its page view (or
 * product view) to the next page the user opened in the same session; the last page of a session
 * runs to the session's last event. Both are capped at {@code maxPageTime}, so a tab left open does
 * not count as attention.
 */
final class JourneyBuilder {

  private final Sessionizer sessionizer;
  private final long maxPageMillis;

  JourneyBuilder(Sessionizer sessionizer, Duration maxPageTime) {
    this.sessionizer = sessionizer;
    this.maxPageMillis = maxPageTime.toMillis();
  }

  List<Journey.Session> sessions(List<Event> events) {
    List<Journey.Session> out = new ArrayList<>();
    for (List<Event> s : sessionizer.split(events, Event::timestamp)) {
      out.add(session(s));
    }
    return out;
  }

  private Journey.Session session(List<Event> events) {
    long start = events.get(0).timestamp();
    long end = events.get(events.size() - 1).timestamp();
    List<Journey.PageVisit> pages = pages(events, end);
    List<Journey.ProductVisit> products = new ArrayList<>();
    List<Journey.Search> searches = new ArrayList<>();
    List<Journey.CartChange> cart = new ArrayList<>();
    TreeMap<String, Double> revenue = new TreeMap<>();
    Set<String> clientSessions = new LinkedHashSet<>();
    int checkouts = 0;
    int purchases = 0;
    for (Event e : events) {
      Instant at = Instant.ofEpochMilli(e.timestamp());
      if (e.sessionId() != null) {
        clientSessions.add(e.sessionId());
      }
      switch (e.type()) {
        case "product_view" -> products.add(new Journey.ProductVisit(at, e.productId()));
        case "search" -> searches.add(new Journey.Search(at, e.searchQuery()));
        case "add_to_cart", "remove_from_cart" ->
            cart.add(new Journey.CartChange(at, e.type(), e.productId()));
        case "checkout" -> checkouts++;
        case "purchase" -> {
          purchases++;
          if (e.amount() != null && e.currency() != null) {
            revenue.merge(e.currency(), e.amount(), Double::sum);
          }
        }
        default -> {}
      }
    }
    return new Journey.Session(
        Instant.ofEpochMilli(start),
        Instant.ofEpochMilli(end),
        (end - start) / 1000,
        events.size(),
        pages.isEmpty() ? null : label(pages.get(0)),
        pages.isEmpty() ? null : label(pages.get(pages.size() - 1)),
        pages,
        products,
        searches,
        cart,
        checkouts,
        purchases,
        revenue,
        List.copyOf(clientSessions));
  }

  private List<Journey.PageVisit> pages(List<Event> events, long sessionEnd) {
    List<Event> visits = new ArrayList<>();
    for (Event e : events) {
      if (e.type().equals("page_view") || e.type().equals("product_view")) {
        visits.add(e);
      }
    }
    List<Journey.PageVisit> out = new ArrayList<>(visits.size());
    for (int i = 0; i < visits.size(); i++) {
      Event v = visits.get(i);
      long until = i + 1 < visits.size() ? visits.get(i + 1).timestamp() : sessionEnd;
      long spent = Math.min(Math.max(0, until - v.timestamp()), maxPageMillis);
      out.add(
          new Journey.PageVisit(
              Instant.ofEpochMilli(v.timestamp()),
              v.pageUrl(),
              v.pageName(),
              v.productId(),
              spent / 1000));
    }
    return out;
  }

  private static String label(Journey.PageVisit p) {
    if (p.url() != null) {
      return p.url();
    }
    return p.name() != null ? p.name() : "product:" + p.productId();
  }
}
