package io.waymark.store;

import java.util.List;

/**
 * The questions Insights asks the analytical store, answered from the 15-minute rollups, the users
 * table and closed sessions. Days are local days of the period's time zone, given by epoch day
 * numbers ({@code LocalDate.ofEpochDay}); a person is a user id together with the anonymous ids
 * linked to it.
 */
public interface InsightsQueries {

  /**
   * A period {@code [fromMillis, toMillis)} on 15-minute boundaries and the time zone's UTC offsets
   * in it: {@code offsets.get(0)} applies from {@code fromMillis}, each later one from its own
   * start (a daylight-saving change).
   */
  record Period(long fromMillis, long toMillis, List<Offset> offsets) {
    public Period {
      offsets = List.copyOf(offsets);
      if (offsets.isEmpty()) {
        throw new IllegalArgumentException("a period needs at least one offset");
      }
    }
  }

  /** The zone's offset from UTC, valid from {@code fromMillis} until the next offset. */
  record Offset(long fromMillis, long offsetMillis) {}

  /** Events of one type (and currency, "" for none) on one local day, with their amounts. */
  record DayTypeCount(long epochDay, String type, String currency, long events, double amount) {}

  /** A count on one local day. */
  record DayCount(long epochDay, long count) {}

  /** One entry of a top list: its key, a display label (may be null) and two counts. */
  record Ranked(String key, String label, long count, long secondary) {}

  /**
   * Funnel step counts: those seen at all, then those reaching each step and every one before;
   * {@code converted}: those with a purchase, whatever came before it.
   */
  record Funnel(
      long total, long viewed, long carted, long checkedOut, long purchased, long converted) {}

  List<DayTypeCount> eventsByDay(Period p);

  /** Most viewed pages (count: views). */
  List<Ranked> topPages(Period p, int limit);

  /** Most viewed products (count: views, secondary: cart adds; label: catalogue name). */
  List<Ranked> topProducts(Period p, int limit);

  /** Most frequent searches, normalised (count: searches). */
  List<Ranked> topSearches(Period p, int limit);

  /** People with the most events (count: events, secondary: purchases). */
  List<Ranked> mostActiveUsers(Period p, int limit);

  /** Per person over the whole period: active people, then view, cart, checkout, purchase. */
  Funnel personFunnel(Period p);

  /** Per closed session started in the period: sessions, then view, cart, checkout, purchase. */
  Funnel sessionFunnel(Period p);

  /** Distinct active people per local day. */
  List<DayCount> activePeopleByDay(Period p);

  /** People whose first event ever (over all their identities) falls on each local day. */
  List<DayCount> newPeopleByDay(Period p);

  /** Closed sessions by the local day they started. */
  List<DayCount> sessionsByDay(Period p);
}
