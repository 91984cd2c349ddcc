package io.waymark.exports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts each enabled export's daily run: at its UTC time the run for the day before is claimed in
 * the metadata database (only one instance wins) and handed to the runner. The latest slot missed
 * while Waymark was down is caught up by the first tick after start; older missed days are not
 * (trigger them by date). Each tick also deletes kept files past the retention.
 */
final class ExportScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ExportScheduler.class);

  private final ExportConfigs configs;
  private final ExportRuns runs;
  private final ExportRunner runner;
  private final ExportFiles files;
  private final Duration retention;
  private final Clock clock;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("waymark-export-schedule").unstarted(r));

  ExportScheduler(
      ExportConfigs configs,
      ExportRuns runs,
      ExportRunner runner,
      ExportFiles files,
      Duration retention,
      Clock clock) {
    this.configs = configs;
    this.runs = runs;
    this.runner = runner;
    this.files = files;
    this.retention = retention;
    this.clock = clock;
  }

  void start(Duration every) {
    ticker.scheduleWithFixedDelay(
        () -> {
          try {
            tick(clock.instant());
          } catch (RuntimeException e) {
            log.error("export schedule check failed; trying again in {}", every, e);
          }
        },
        0,
        every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** The latest scheduled instant at or before {@code now} for a daily UTC time. */
  static Instant dueSlot(java.time.LocalTime at, Instant now) {
    ZonedDateTime today =
        now.atZone(ZoneOffset.UTC).toLocalDate().atTime(at).atZone(ZoneOffset.UTC);
    return (today.toInstant().isAfter(now) ? today.minusDays(1) : today).toInstant();
  }

  /** Starts every run due at {@code now}; returns how many this instance claimed. */
  int tick(Instant now) {
    int claimed = 0;
    for (ExportConfig export : configs.list()) {
      if (!export.enabled()) {
        continue;
      }
      Instant slot = dueSlot(export.scheduleTime(), now);
      if (slot.toEpochMilli() < export.createdAt()) {
        continue; // the export did not exist yet at that slot
      }
      LocalDate day = slot.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
      if (runs.claimed(export.id(), day)) {
        continue;
      }
      var id = runs.claimScheduled(export.id(), day, now.toEpochMilli());
      if (id.isPresent()) {
        claimed++;
        log.info(
            "export run claimed: export={} run={} date={} slot={}",
            export.name(),
            id.get(),
            day,
            slot);
        runner.submit(export.id(), id.get());
      }
    }
    sweep(now);
    return claimed;
  }

  /** Deletes kept days older than the retention (counted from the end of the day). */
  void sweep(Instant now) {
    LocalDate oldest = now.minus(retention).atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
    if (!files.lock.tryLock()) {
      return; // a run or an erasure holds the files; the next tick sweeps
    }
    try {
      int deleted = files.deleteDaysBefore(oldest);
      if (deleted > 0) {
        log.info("export retention: deleted {} kept days before {}", deleted, oldest);
      }
    } catch (java.io.IOException e) {
      log.warn("export retention sweep failed under {}: {}", files.root(), e.toString());
    } finally {
      files.lock.unlock();
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
