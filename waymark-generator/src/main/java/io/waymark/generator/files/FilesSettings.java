package io.waymark.generator.files;

import io.waymark.generator.cli.Options;
import io.waymark.generator.cli.UsageException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/** The options of the files command, checked: the period runs from {@code from} to now. */
record FilesSettings(
    Path out, long events, int users, double bots, long seed, Instant from, Instant to) {

  static final Set<String> OPTIONS = Set.of("out", "events", "users", "seed", "from", "bots");
  static final long DEFAULT_EVENTS = 100_000;
  static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

  static FilesSettings from(Options o, Clock clock, long defaultSeed) throws UsageException {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant from = o.instant("from", now.minus(DEFAULT_PERIOD));
    if (!from.isBefore(now)) {
      throw new UsageException(
          "option --from must be in the past, got '" + o.string("from", "") + "'");
    }
    return new FilesSettings(
        Path.of(o.required("out")),
        o.longValue("events", DEFAULT_EVENTS, 1, 1_000_000_000),
        (int) o.longValue("users", 1000, 1, 10_000_000),
        o.doubleValue("bots", 0.002, 0, 1),
        o.longValue("seed", defaultSeed, Long.MIN_VALUE, Long.MAX_VALUE),
        from,
        now);
  }
}
