package io.waymark.ingest;

import io.waymark.store.AnalyticalStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes quarantined items older than {@code waymark.quarantine.retention} from the store, on
 * every check; the cutoff is taken from the injected clock, so the quarantine never grows without
 * bound. Review decisions stay in the metadata database as the audit of what was done.
 */
final class QuarantineRetention implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(QuarantineRetention.class);

  private final AnalyticalStore store;
  private final Duration retention;
  private final Clock clock;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("waymark-quarantine-retention").unstarted(r));

  QuarantineRetention(AnalyticalStore store, Duration retention, Clock clock) {
    this.store = store;
    this.retention = retention;
    this.clock = clock;
  }

  void start(Duration every) {
    ticker.scheduleWithFixedDelay(
        () -> {
          try {
            sweep();
          } catch (RuntimeException e) {
            log.warn(
                "quarantine retention could not delete old items ({}); trying again in {}",
                e.toString(),
                every);
          }
        },
        0,
        every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Deletes the items received before now minus the retention; returns how many. */
  long sweep() {
    Instant cutoff = clock.instant().minus(retention);
    long deleted = store.deleteQuarantineBefore(cutoff.toEpochMilli());
    if (deleted > 0) {
      log.info(
          "quarantine retention: deleted {} items received before {} (waymark.quarantine.retention"
              + " {})",
          deleted,
          cutoff,
          retention);
    }
    return deleted;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
