package io.waymark.insights;

import io.waymark.platform.ApiException;
import io.waymark.store.InsightsQueries.Offset;
import io.waymark.store.InsightsQueries.Period;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated insight period: {@code [from, to)} on quarter hours in a time zone whose offsets are
 * whole quarter hours, so every local day is a whole number of the store's 15-minute buckets.
 */
record InsightsPeriod(Instant from, Instant to, ZoneId zone) {

  static final long QUARTER_HOUR_MILLIS = Duration.ofMinutes(15).toMillis();

  /** Parses and checks the request parameters; every rule broken is a 400 naming its field. */
  static InsightsPeriod parse(
      String from, String to, String tz, Clock clock, InsightsSettings settings) {
    return parse(from, to, null, tz, clock, settings);
  }

  /**
   * As {@link #parse(String, String, String, Clock, InsightsSettings)}, or with {@code days}: the
   * last that many local days, today included (the server's clock decides what today is).
   */
  static InsightsPeriod parse(
      String from, String to, Integer days, String tz, Clock clock, InsightsSettings settings) {
    ZoneId zone = zone(tz);
    long maxDays = settings.maxPeriod().toDays();
    if (days != null) {
      if (!blank(from) || !blank(to)) {
        throw ApiException.badRequest("days", "give either days or from and to, not both");
      }
      if (days < 1 || days > maxDays) {
        throw ApiException.badRequest("days", "must be between 1 and " + maxDays + ", got " + days);
      }
      LocalDate today = LocalDate.now(clock.withZone(zone));
      return parse(
          today.minusDays(days - 1L).toString(),
          today.plusDays(1).toString(),
          null,
          zone.getId(),
          clock,
          settings);
    }
    Instant end =
        blank(to)
            ? LocalDate.now(clock.withZone(zone)).plusDays(1).atStartOfDay(zone).toInstant()
            : time("to", to, zone);
    Instant start =
        blank(from)
            ? LocalDate.ofInstant(end.minusMillis(1), zone)
                .minusDays(settings.defaultDays() - 1L)
                .atStartOfDay(zone)
                .toInstant()
            : time("from", from, zone);
    if (!start.isBefore(end)) {
      throw ApiException.badRequest(
          "from", "must be before to (from " + start + ", to " + end + ")");
    }
    if (Duration.between(start, end).compareTo(settings.maxPeriod()) > 0) {
      throw ApiException.badRequest(
          "to",
          "the period may span at most "
              + settings.maxPeriod().toDays()
              + " days (from "
              + start
              + ", to "
              + end
              + ")");
    }
    InsightsPeriod p = new InsightsPeriod(start, end, zone);
    for (Offset o : p.offsets()) {
      if (o.offsetMillis() % QUARTER_HOUR_MILLIS != 0) {
        throw ApiException.badRequest(
            "tz",
            "has a UTC offset that is not whole quarter hours in this period; insights are"
                + " counted in 15-minute buckets");
      }
    }
    quarterHour("from", start);
    quarterHour("to", end);
    return p;
  }

  /** The zone's offsets in the period: the one at {@code from}, then each transition's. */
  List<Offset> offsets() {
    ZoneRules rules = zone.getRules();
    List<Offset> out = new ArrayList<>();
    out.add(new Offset(from.toEpochMilli(), rules.getOffset(from).getTotalSeconds() * 1000L));
    ZoneOffsetTransition t = rules.nextTransition(from);
    while (t != null && t.getInstant().isBefore(to)) {
      out.add(
          new Offset(t.getInstant().toEpochMilli(), t.getOffsetAfter().getTotalSeconds() * 1000L));
      t = rules.nextTransition(t.getInstant());
    }
    return out;
  }

  Period toQuery() {
    return new Period(from.toEpochMilli(), to.toEpochMilli(), offsets());
  }

  /** The local days the period touches, in order. */
  List<LocalDate> days() {
    List<LocalDate> out = new ArrayList<>();
    LocalDate last = LocalDate.ofInstant(to.minusMillis(1), zone);
    for (LocalDate d = LocalDate.ofInstant(from, zone); !d.isAfter(last); d = d.plusDays(1)) {
      out.add(d);
    }
    return out;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static ZoneId zone(String tz) {
    if (blank(tz)) {
      return ZoneId.of("UTC");
    }
    try {
      return ZoneId.of(tz.strip());
    } catch (DateTimeException e) {
      throw ApiException.badRequest(
          "tz", "must be an IANA time zone like Europe/Madrid or UTC, got \"" + tz + "\"");
    }
  }

  /** A date is the start of that day in the zone; an instant must carry its offset. */
  static Instant time(String field, String value, ZoneId zone) {
    String v = value.strip();
    try {
      if (v.length() == 10) {
        return LocalDate.parse(v).atStartOfDay(zone).toInstant();
      }
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          field,
          "must be a date like 2026-03-01 (start of that day in tz) or an instant like"
              + " 2026-03-01T10:00:00Z, got \""
              + value
              + "\"");
    }
  }

  private static void quarterHour(String field, Instant t) {
    if (t.toEpochMilli() % QUARTER_HOUR_MILLIS != 0) {
      throw ApiException.badRequest(
          field,
          "must be on a quarter hour (:00, :15, :30, :45), got "
              + t
              + "; insights are counted in 15-minute buckets");
    }
  }
}
