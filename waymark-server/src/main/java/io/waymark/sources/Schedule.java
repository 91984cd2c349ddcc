package io.waymark.sources;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/** When a source runs: every {@code intervalMinutes}, or once a day at {@code dailyAt} UTC. */
record Schedule(Integer intervalMinutes, LocalTime dailyAt) {

  static final int MAX_INTERVAL_MINUTES = 7 * 24 * 60;

  static Schedule every(int minutes) {
    return new Schedule(minutes, null);
  }

  static Schedule dailyAt(LocalTime at) {
    return new Schedule(null, at.truncatedTo(ChronoUnit.MINUTES));
  }

  /** The first run time strictly after {@code after}. */
  Instant next(Instant after) {
    if (intervalMinutes != null) {
      return after.truncatedTo(ChronoUnit.SECONDS).plusSeconds(intervalMinutes * 60L);
    }
    ZonedDateTime today = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).with(dailyAt);
    Instant candidate = today.toInstant();
    return candidate.isAfter(after) ? candidate : today.plusDays(1).toInstant();
  }

  /** In words, for logs. */
  String describe() {
    return intervalMinutes != null
        ? "every " + intervalMinutes + " min"
        : "daily at " + dailyAt + " UTC";
  }
}
