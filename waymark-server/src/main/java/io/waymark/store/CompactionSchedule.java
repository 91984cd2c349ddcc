package io.waymark.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts compactions on their own: once a day at a set UTC time, and when enough events were
 * appended since the last one. Checked on a fixed tick against the injected clock.
 */
final class CompactionSchedule implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CompactionSchedule.class);
  static final Duration RETRY_AFTER_FAILURE = Duration.ofHours(1);

  private final StoreCompactor compactor;
  private final LongSupplier appended;
  private final Clock clock;
  private final LocalTime dailyAt;
  private final long afterRows;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("compaction-schedule").unstarted(r));
  private Instant nextDaily;
  private Instant rowsNotBefore = Instant.MIN;

  /** {@code dailyAt} null: no daily run; {@code afterRows} 0: no run by volume. */
  CompactionSchedule(
      StoreCompactor compactor,
      LongSupplier appended,
      Clock clock,
      LocalTime dailyAt,
      long afterRows) {
    this.compactor = compactor;
    this.appended = appended;
    this.clock = clock;
    this.dailyAt = dailyAt;
    this.afterRows = afterRows;
    this.nextDaily = dailyAt == null ? null : nextDailyAfter(clock.instant());
  }

  /** Parses the setting: "HH:mm" (UTC) or blank for none, naming the setting when it is wrong. */
  static LocalTime parseDailyAt(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalTime.parse(value.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "waymark.store.compaction.daily-at must be a UTC time such as 03:00, or empty to turn"
              + " the daily compaction off; got '"
              + value
              + "'",
          e);
    }
  }

  void start(Duration every) {
    ticker.scheduleWithFixedDelay(
        this::tickSafely, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.error("the compaction schedule could not run: {}", e.getMessage(), e);
    }
  }

  /** Runs a compaction if one is due; returns it, or null. */
  synchronized CompactionRun tick() {
    if (compactor.current().isPresent()) {
      return null;
    }
    Instant now = clock.instant();
    if (nextDaily != null && !now.isBefore(nextDaily)) {
      nextDaily = nextDailyAfter(now);
      return compactor.compactNow("daily");
    }
    if (afterRows > 0 && appended.getAsLong() >= afterRows && !now.isBefore(rowsNotBefore)) {
      CompactionRun run = compactor.compactNow("rows");
      if (run.status() == CompactionRun.Status.FAILED) {
        rowsNotBefore = now.plus(RETRY_AFTER_FAILURE);
      }
      return run;
    }
    return null;
  }

  /** The next daily run; null when there is none. */
  Instant nextDaily() {
    return nextDaily;
  }

  private Instant nextDailyAfter(Instant now) {
    ZonedDateTime today = now.atZone(ZoneOffset.UTC).with(dailyAt);
    ZonedDateTime next = today.toInstant().isAfter(now) ? today : today.plusDays(1);
    return next.toInstant();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
