package io.waymark.generator.send;

import io.waymark.client.WaymarkClient;
import io.waymark.generator.event.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;

/**
 * The real-time send loop: takes simulated events in order, stamps each with the wall-clock time
 * the pacer releases it, and hands it to the Java client, which batches (a partial batch waits at
 * most {@link #MAX_LINGER}) and retries. The run owns the client and closes it at the end.
 */
final class EventSender {

  static final Duration MAX_LINGER = Duration.ofSeconds(1);

  /** How long the last events may take to go out once the run stops. */
  static final Duration LAST_ATTEMPT = Duration.ofSeconds(5);

  private final Iterator<Event> events;
  private final Pacer pacer;
  private final WaymarkClient client;
  private final SendReport report;
  private final Clock clock;
  private final long limit;

  EventSender(
      Iterator<Event> events,
      Pacer pacer,
      WaymarkClient client,
      SendReport report,
      Clock clock,
      long limit) {
    this.events = events;
    this.pacer = pacer;
    this.client = client;
    this.report = report;
    this.clock = clock;
    this.limit = limit;
  }

  /** The client settings the generator sends with. */
  static WaymarkClient.Builder clientSettings(
      WaymarkClient.Builder b, int batchSize, Duration giveUpAfter, SendReport report) {
    return b.batchSize(batchSize)
        .linger(MAX_LINGER)
        .retries(Integer.MAX_VALUE, giveUpAfter)
        .closeTimeout(LAST_ATTEMPT)
        .listener(report);
  }

  /** Sends until {@code limit} events are out or the run is stopped. */
  void run() throws SendFailure {
    long released = 0;
    try {
      while (released < limit && report.fatal() == null && pacer.acquire()) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        client.track(ClientEvents.of(events.next().withTimestamp(now)));
        released++;
      }
    } finally {
      client.close(report.fatal() == null ? LAST_ATTEMPT : Duration.ZERO);
    }
    if (report.fatal() != null) {
      throw new SendFailure(report.fatal());
    }
  }
}
