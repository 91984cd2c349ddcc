package io.waymark.journeys;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.events.Event;
import io.waymark.platform.ApiException;
import io.waymark.sessions.SessionRecord;
import io.waymark.store.AnalyticalStore;
import io.waymark.store.EventCursor;
import io.waymark.store.UserSummary;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** User search, journeys and event history. */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users and journeys")
@SecurityRequirement(name = "bearer")
class UsersController {

  private final AnalyticalStore store;
  private final JourneyService journeys;

  UsersController(AnalyticalStore store, JourneyService journeys) {
    this.store = store;
    this.journeys = journeys;
  }

  /** One page of users. */
  record UserPage(List<UserView> items) {}

  /** A user in a listing. */
  record UserView(
      String userKey,
      String userId,
      String anonymousId,
      Instant firstSeen,
      Instant lastSeen,
      long eventCount) {
    static UserView of(UserSummary u) {
      return new UserView(
          u.userKey(),
          u.userId(),
          u.anonymousId(),
          Instant.ofEpochMilli(u.firstSeen()),
          Instant.ofEpochMilli(u.lastSeen()),
          u.eventCount());
    }
  }

  /** One page of a user's events, newest first; pass next_page_token to get the next. */
  record EventPage(List<EventView> items, String nextPageToken) {}

  @Operation(summary = "Find users whose id starts with q (most recently seen first)")
  @GetMapping
  UserPage search(
      @RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "20") int limit) {
    return new UserPage(
        store.findUsers(q, bound("limit", limit, 1, 200)).stream().map(UserView::of).toList());
  }

  @Operation(summary = "A user's sessions in a period (default: the last 7 days)")
  @GetMapping("/{id}/journey")
  Journey journey(
      @PathVariable String id,
      @Parameter(description = "ISO-8601 instant or date (UTC); default: to - 7 days")
          @RequestParam(required = false)
          String from,
      @Parameter(description = "ISO-8601 instant or date (UTC, exclusive); default: now")
          @RequestParam(required = false)
          String to) {
    return journeys.journey(id, time("from", from), time("to", to));
  }

  /** A closed session as stored by the stream processor. */
  record StoredSession(
      java.util.UUID sessionId,
      Instant start,
      Instant end,
      long durationSeconds,
      int eventCount,
      int pageViews,
      int productViews,
      int cartAdds,
      int checkouts,
      int purchases,
      double revenue,
      String currency,
      String entryPage,
      String exitPage) {
    static StoredSession of(SessionRecord r) {
      return new StoredSession(
          r.id(),
          Instant.ofEpochMilli(r.start()),
          Instant.ofEpochMilli(r.end()),
          r.durationSeconds(),
          r.eventCount(),
          r.pageViews(),
          r.productViews(),
          r.cartAdds(),
          r.checkouts(),
          r.purchases(),
          r.revenue(),
          r.currency(),
          r.entryPage(),
          r.exitPage());
    }
  }

  /** The user's closed sessions. */
  record SessionPage(List<StoredSession> items) {}

  @Operation(
      summary = "A user's closed sessions as stored by the stream processor (default: last 7 days)",
      description =
          "A session appears once it has closed (30 minutes without events, in stream"
              + " time); the journey endpoint also shows the session still open.")
  @GetMapping("/{id}/sessions")
  SessionPage sessions(
      @PathVariable String id,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    Journey period = journeys.period(time("from", from), time("to", to));
    journeys.requireUser(id);
    return new SessionPage(
        store
            .userSessions(id, period.from().toEpochMilli(), period.to().toEpochMilli(), 10_000)
            .stream()
            .map(StoredSession::of)
            .toList());
  }

  @Operation(summary = "A user's events, newest first, paginated")
  @GetMapping("/{id}/events")
  EventPage events(
      @PathVariable String id,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(name = "page_token", required = false) String pageToken) {
    int n = bound("limit", limit, 1, 1000);
    EventCursor before;
    try {
      before = pageToken == null || pageToken.isBlank() ? null : EventCursor.parse(pageToken);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("page_token", e.getMessage());
    }
    journeys.requireUser(id);
    List<Event> events = journeys.eventsBefore(id, before, n + 1);
    String next = null;
    if (events.size() > n) {
      events = events.subList(0, n);
      Event last = events.get(n - 1);
      next = new EventCursor(last.timestamp(), last.eventId()).token();
    }
    return new EventPage(events.stream().map(EventView::of).toList(), next);
  }

  static int bound(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw ApiException.badRequest(
          field, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  static Instant time(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      if (value.length() == 10) {
        return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          field, "must be an ISO-8601 instant like 2026-11-22T10:00:00Z or a date like 2026-11-22");
    }
  }
}
