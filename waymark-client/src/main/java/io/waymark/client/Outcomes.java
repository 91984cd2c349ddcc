package io.waymark.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts what happens to events and tells the listener; a listener that throws is logged and
 * otherwise ignored, so it cannot stop the sender thread.
 */
final class Outcomes {

  private static final Logger log = Logger.getLogger(WaymarkClient.class.getName());

  private final ClientListener listener;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();

  Outcomes(ClientListener listener) {
    this.listener = listener;
  }

  void delivered(int acceptedCount, int rejectedCount) {
    accepted.addAndGet(acceptedCount);
    safely(() -> listener.delivered(acceptedCount, rejectedCount));
  }

  void rejected(Event event, String field, String reason) {
    rejected.incrementAndGet();
    safely(() -> listener.rejected(event, field, reason));
  }

  void dropped(Event event, String reason) {
    dropped.incrementAndGet();
    safely(() -> listener.dropped(event, reason));
  }

  void retrying(int attempt, Duration wait, String problem) {
    retries.incrementAndGet();
    safely(() -> listener.retrying(attempt, wait, problem));
  }

  void failed(List<Event> events, int status, String reason) {
    if (events.isEmpty()) {
      return;
    }
    failed.addAndGet(events.size());
    log.log(
        Level.WARNING, "waymark: gave up {0} events: {1}", new Object[] {events.size(), reason});
    safely(() -> listener.failed(List.copyOf(events), status, reason));
  }

  ClientStats stats(long queued) {
    return new ClientStats(
        queued, accepted.get(), rejected.get(), dropped.get(), failed.get(), retries.get());
  }

  private static void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.log(Level.WARNING, "waymark: a ClientListener threw; the client carries on", e);
    }
  }
}
