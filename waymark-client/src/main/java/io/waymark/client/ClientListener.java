package io.waymark.client;

import java.time.Duration;
import java.util.List;

/**
 * Hooks for metrics and logging, called on the client's sender thread (keep them quick). Every
 * tracked event ends in exactly one of: accepted (counted in {@link #delivered}), {@link
 * #rejected}, {@link #dropped} or {@link #failed}.
 */
public interface ClientListener {

  /** A request was answered: {@code accepted} events are durably stored by the collector. */
  default void delivered(int accepted, int rejected) {}

  /** The collector refused this event for good; {@code field} and {@code reason} say why. */
  default void rejected(Event event, String field, String reason) {}

  /** The event never entered the queue: it was full, or the client was closed. */
  default void dropped(Event event, String reason) {}

  /** A request failed and will be sent again, with the same event ids, after {@code wait}. */
  default void retrying(int attempt, Duration wait, String problem) {}

  /**
   * These events were given up: the key was refused ({@code status} 401/403, {@code reason} is the
   * collector's message; the client then sends nothing more), retries ran out ({@code status} of
   * the last answer, 0 when the collector could not be reached), or the client was closed first.
   */
  default void failed(List<Event> events, int status, String reason) {}

  /** A listener that does nothing. */
  ClientListener NONE = new ClientListener() {};
}
