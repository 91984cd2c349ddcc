package io.waymark.journeys;

import io.waymark.events.Event;
import io.waymark.platform.ApiException;
import io.waymark.sessions.Sessionizer;
import io.waymark.store.AnalyticalStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Answers journey questions from the analytical store. */
final class JourneyService {

  private final AnalyticalStore store;
  private final JourneySettings settings;
  private final JourneyBuilder builder;
  private final Clock clock;

  JourneyService(AnalyticalStore store, JourneySettings settings, Duration gap, Clock clock) {
    this.store = store;
    this.settings = settings;
    this.builder = new JourneyBuilder(new Sessionizer(gap), settings.maxPageTime());
    this.clock = clock;
  }

  Journey journey(String userKey, Instant from, Instant to) {
    Journey period = period(from, to);
    requireUser(userKey);
    int max = settings.maxEvents();
    List<Event> events =
        store.userEvents(
            userKey, period.from().toEpochMilli(), period.to().toEpochMilli(), max + 1);
    boolean truncated = events.size() > max;
    List<Journey.Session> sessions = builder.sessions(truncated ? events.subList(0, max) : events);
    return new Journey(userKey, period.from(), period.to(), sessions.size(), truncated, sessions);
  }

  /** Checks a requested period and fills in the defaults: an empty journey holding from and to. */
  Journey period(Instant from, Instant to) {
    Instant end = to != null ? to : clock.instant();
    Instant start = from != null ? from : end.minus(settings.defaultPeriod());
    if (!start.isBefore(end)) {
      throw ApiException.badRequest("from", "must be before to (" + start + " >= " + end + ")");
    }
    if (start.plus(settings.maxPeriod()).isBefore(end)) {
      throw ApiException.badRequest(
          "from", "the period may be at most " + settings.maxPeriod().toDays() + " days long");
    }
    return new Journey(null, start, end, 0, false, List.of());
  }

  void requireUser(String userKey) {
    if (store.user(userKey).isEmpty()) {
      throw ApiException.notFound(
          "user_id",
          "no events for user \"" + userKey + "\"; search with GET /api/v1/users?q=<prefix>");
    }
  }
}
