package io.waymark.generator.send;

import io.waymark.generator.event.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The real-time send loop: takes simulated events in order, stamps each with the wall-clock time
 * the pacer releases it, and delivers them in batches. A partial batch waits at most one second.
 */
final class EventSender {

  static final Duration MAX_LINGER = Duration.ofSeconds(1);

  private final Iterator<Event> events;
  private final Pacer pacer;
  private final BatchDelivery delivery;
  private final Clock clock;
  private final Stopper stopper;
  private final long limit;
  private final int batchSize;

  EventSender(
      Iterator<Event> events,
      Pacer pacer,
      BatchDelivery delivery,
      Clock clock,
      Stopper stopper,
      long limit,
      int batchSize) {
    this.events = events;
    this.pacer = pacer;
    this.delivery = delivery;
    this.clock = clock;
    this.stopper = stopper;
    this.limit = limit;
    this.batchSize = batchSize;
  }

  /** Sends until {@code limit} events are out or the run is stopped. */
  void run() throws SendFailure {
    List<Event> batch = new ArrayList<>(batchSize);
    Instant batchStart = null;
    long released = 0;
    while (released < limit && pacer.acquire()) {
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      batch.add(events.next().withTimestamp(now));
      released++;
      batchStart = batchStart == null ? now : batchStart;
      boolean lingered = !Duration.between(batchStart, now).minus(MAX_LINGER).isNegative();
      if (batch.size() >= batchSize || lingered) {
        delivery.deliver(batch);
        batch = new ArrayList<>(batchSize);
        batchStart = null;
      }
    }
    if (!batch.isEmpty()) {
      delivery.deliver(batch);
    }
  }
}
