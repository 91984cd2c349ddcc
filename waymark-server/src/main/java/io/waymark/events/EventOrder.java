package io.waymark.events;

import java.util.Comparator;
import java.util.UUID;

/** The order of a user's events everywhere they are listed: the store's {@code ts, event_id}. */
public final class EventOrder {

  private EventOrder() {}

  /**
   * Oldest first, ties by event id as the store orders them: DuckDB orders UUIDs as their text
   * does, which is an unsigned comparison of the two halves ({@link UUID#compareTo} is signed).
   */
  public static final Comparator<Event> OLDEST_FIRST =
      Comparator.comparingLong(Event::timestamp).thenComparing(Event::eventId, EventOrder::asText);

  /** Compares two UUIDs as their canonical text would compare. */
  static int asText(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0
        ? high
        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }
}
