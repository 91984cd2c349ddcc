package io.waymark.generator.send;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Prints the counters and the current rate of a send run to stderr every few seconds. */
final class ProgressReporter implements AutoCloseable {

  private final SendStats stats;
  private final PrintStream err;
  private final Clock clock;
  private final Instant started;
  private final ScheduledExecutorService timer;
  private long lastSent;
  private Instant lastTime;

  ProgressReporter(SendStats stats, PrintStream err, Clock clock, Duration every) {
    this.stats = stats;
    this.err = err;
    this.clock = clock;
    this.started = clock.instant();
    this.lastTime = started;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "waymark-generator-progress");
              t.setDaemon(true);
              return t;
            });
    long millis = every.toMillis();
    timer.scheduleAtFixedRate(this::report, millis, millis, TimeUnit.MILLISECONDS);
  }

  private synchronized void report() {
    Instant now = clock.instant();
    long sent = stats.sent.get();
    double seconds = Math.max(0.001, Duration.between(lastTime, now).toMillis() / 1000.0);
    err.printf(Locale.ROOT, "%s, rate %.1f events/s%n", stats.line(), (sent - lastSent) / seconds);
    lastSent = sent;
    lastTime = now;
  }

  /** The closing line: totals, events that could not be delivered, and the average rate. */
  String summary() {
    double seconds =
        Math.max(0.001, Duration.between(started, clock.instant()).toMillis() / 1000.0);
    return String.format(
        Locale.ROOT,
        "%s, unsent %d in %.1f s (%.1f events/s)",
        stats.line(),
        stats.unsent.get(),
        seconds,
        stats.sent.get() / seconds);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
