package io.waymark.sources;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Starts the runs of enabled sources whose time has come, every {@code waymark.sources.tick}. Each
 * due source is claimed in the metadata database before it runs, so with several instances only one
 * runs it.
 */
final class SourceScheduler {

  private static final Logger log = LoggerFactory.getLogger(SourceScheduler.class);

  private final Sources sources;
  private final SourceRunner runner;
  private final Clock clock;

  SourceScheduler(Sources sources, SourceRunner runner, Clock clock) {
    this.sources = sources;
    this.runner = runner;
    this.clock = clock;
  }

  @Scheduled(
      initialDelayString = "${waymark.sources.tick:15s}",
      fixedDelayString = "${waymark.sources.tick:15s}")
  void scheduled() {
    try {
      tick(clock.instant());
    } catch (RuntimeException e) {
      log.warn(
          "the source scheduler could not look for due sources ({}); it tries again", e.toString());
    }
  }

  /** Starts every source due at {@code now}; returns how many this instance started. */
  int tick(Instant now) {
    int started = 0;
    for (Source s : sources.due(now.toEpochMilli())) {
      long next = s.schedule().next(now).toEpochMilli();
      if (runner.runScheduled(s, s.nextRunAt(), next)) {
        started++;
      }
    }
    return started;
  }
}
