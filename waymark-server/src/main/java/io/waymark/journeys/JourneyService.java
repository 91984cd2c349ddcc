package io.waymark.journeys;

import io.waymark.events.Event;
import io.waymark.platform.ApiException;
import io.waymark.sessions.Sessionizer;
import io.waymark.store.AnalyticalStore;
import io.waymark.store.EventCursor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Answers journey questions from the analytical store. A user's history includes the anonymous ids
 * linked to them (events that carried both ids), so what was done before identifying shows too.
 */
final class JourneyService {

  private static final Comparator<Event> OLDEST_FIRST = io.waymark.events.EventOrder.OLDEST_FIRST;

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
    int max = settings.maxEvents();
    List<Event> events =
        eventsBetween(userKey, period.from().toEpochMilli(), period.to().toEpochMilli(), max + 1);
    if (events.isEmpty()) {
      requireUser(userKey); // an unknown user is a 404; a known one had a quiet period
    }
    boolean truncated = events.size() > max;
    List<Journey.Session> sessions = builder.sessions(truncated ? events.subList(0, max) : events);
    return new Journey(userKey, period.from(), period.to(), sessions.size(), truncated, sessions);
  }

  /**
   * The user's events in {@code [from, to)}, oldest first, including the history of the anonymous
   * ids linked to the user (one indexed lookup each).
   */
  List<Event> eventsBetween(String userKey, long from, long to, int limit) {
    List<String> linked = store.linkedAnonymousIds(userKey);
    if (linked.isEmpty()) {
      return store.userEvents(userKey, from, to, limit);
    }
    List<Event> all = new ArrayList<>(store.userEvents(userKey, from, to, limit));
    for (String anonymous : linked) {
      all.addAll(store.userEvents(anonymous, from, to, limit));
    }
    all.sort(OLDEST_FIRST);
    return all.size() > limit ? all.subList(0, limit) : all;
  }

  /** The user's events before {@code cursor}, newest first, with linked anonymous history. */
  List<Event> eventsBefore(String userKey, EventCursor cursor, int limit) {
    List<String> linked = store.linkedAnonymousIds(userKey);
    if (linked.isEmpty()) {
      return store.userEventsBefore(userKey, cursor, limit);
    }
    List<Event> all = new ArrayList<>(store.userEventsBefore(userKey, cursor, limit));
    for (String anonymous : linked) {
      all.addAll(store.userEventsBefore(anonymous, cursor, limit));
    }
    all.sort(OLDEST_FIRST.reversed());
    return all.size() > limit ? all.subList(0, limit) : all;
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
