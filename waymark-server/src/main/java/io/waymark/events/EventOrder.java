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
  public static int asText(UUID a, UUID b) {
    return asText(
        a.getMostSignificantBits(),
        a.getLeastSignificantBits(),
        b.getMostSignificantBits(),
        b.getLeastSignificantBits());
  }

  /** {@link #asText(UUID, UUID)} on the two halves of each id. */
  public static int asText(long aHigh, long aLow, long bHigh, long bLow) {
    int high = Long.compareUnsigned(aHigh, bHigh);
    return high != 0 ? high : Long.compareUnsigned(aLow, bLow);
  }
}
