package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.customers.TestClock;
import io.waymark.events.Event;
import io.waymark.events.EventOrder;
import io.waymark.events.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The logic of the recent events in memory: what they answer, and when they must not. */
class RecentEventsTest {

  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final long HOUR = 3_600_000;
  static final long T = NOW.toEpochMilli();

  final TestClock clock = new TestClock(NOW);

  RecentEvents ready(Duration window, long max) {
    RecentEvents r = new RecentEvents(clock, window, max);
    r.loadFinished();
    return r;
  }

  static Event at(String user, long ts) {
    return TestEvents.event(user, "page_view", ts).page("/p").build();
  }

  static Event withId(Event e, UUID id) {
    return new Event(
        id,
        e.type(),
        e.userId(),
        e.anonymousId(),
        e.sessionId(),
        e.timestamp(),
        e.clientTimestamp(),
        e.sentAt(),
        e.receivedAt(),
        e.pageUrl(),
        e.pageName(),
        e.referrer(),
        e.productId(),
        e.orderId(),
        e.amount(),
        e.currency(),
        e.searchQuery(),
        e.properties(),
        e.context(),
        e.source(),
        e.schemaVersion());
  }

  @Test
  void answersNothingUntilLoadedNorBeforeItsFloor() {
    RecentEvents r = new RecentEvents(clock, Duration.ofDays(8), 1_000);
    r.added(List.of(at("ann", T - HOUR)));
    assertThat(r.events("ann", T - 2 * HOUR, T, 100)).isNull(); // still loading
    r.loadFinished();
    assertThat(r.events("ann", T - 2 * HOUR, T, 100)).hasSize(1);
    assertThat(r.events("ann", T - Duration.ofDays(9).toMillis(), T, 100)).isNull();
    assertThat(r.events("nobody", T - 2 * HOUR, T, 100)).isEmpty();
  }

  @Test
  void keepsTheStoresOrderIncludingTiesByIdAsTextAndTheLimit() {
    RecentEvents r = ready(Duration.ofDays(8), 1_000);
    List<Event> events = new ArrayList<>();
    // Ids whose high halves differ in sign: signed order and text order disagree.
    events.add(withId(at("ann", T - HOUR), new UUID(0x8000000000000000L, 1)));
    events.add(withId(at("ann", T - HOUR), new UUID(0x7000000000000000L, 1)));
    events.add(at("ann", T - 3 * HOUR));
    events.add(at("ann", T - 2 * HOUR));
    events.add(at("ann", T));
    for (Event e : events) {
      r.added(List.of(e)); // out of order, one by one, as late events arrive
    }
    r.added(List.of(events.get(0))); // the loader and the sink may both hand one over

    List<Event> expected =
        events.stream()
            .filter(e -> e.timestamp() < T)
            .sorted(EventOrder.OLDEST_FIRST)
            .map(e -> held(e, "ann"))
            .toList();
    assertThat(r.events("ann", T - 4 * HOUR, T, 100)).containsExactlyElementsOf(expected);
    assertThat(r.events("ann", T - 4 * HOUR, T, 2))
        .containsExactlyElementsOf(expected.subList(0, 2));
    assertThat(r.events("ann", T - HOUR, T + 1, 100)).hasSize(3); // from inclusive, to exclusive
    assertThat(r.size()).isEqualTo(5);
  }

  @Test
  void evictsByTimeOnceAMinuteAndThenAnswersOnlyFromTheNewFloor() {
    RecentEvents r = ready(Duration.ofDays(1), 1_000);
    r.added(List.of(at("ann", T - 20 * HOUR), at("ann", T - HOUR)));
    clock.advance(Duration.ofHours(10));
    r.added(List.of(at("bo", T))); // the sink's next batch moves the floor
    assertThat(r.floor()).isEqualTo(T + 10 * HOUR - 24 * HOUR);
    assertThat(r.size()).isEqualTo(2);
    assertThat(r.events("ann", T - 20 * HOUR, T, 100)).isNull();
    assertThat(r.events("ann", T - 14 * HOUR, T, 100)).hasSize(1);
    r.added(List.of(at("ann", T - 16 * HOUR))); // a late event from before the floor
    assertThat(r.size()).isEqualTo(2);
  }

  @Test
  void overTheCapTheOldestHoursLeaveAndTheFloorRises() {
    RecentEvents r = ready(Duration.ofDays(8), 10);
    for (int h = 12; h > 0; h--) {
      r.added(List.of(at("u" + h, T - h * HOUR)));
    }
    // 11 held went over 10: the oldest hours go until at most 9 are left.
    assertThat(r.size()).isLessThanOrEqualTo(10);
    long floor = r.floor();
    assertThat(floor).isGreaterThan(T - 12 * HOUR);
    assertThat(r.events("u12", T - 13 * HOUR, T, 10)).isNull();
    assertThat(r.events("u1", floor, T, 10)).hasSize(1);
  }

  @Test
  void removesAnErasedPersonIncludingEventsTheirAnonymousIdCarried() {
    RecentEvents r = ready(Duration.ofDays(8), 1_000);
    Event identify = TestEvents.event("bo", "click", T - HOUR).anonymous("anon-1").build();
    Event anonymous = TestEvents.event("anon-1", "page_view", T - 2 * HOUR).anonymousOnly().build();
    r.added(List.of(identify, anonymous, at("cy", T - HOUR)));
    assertThat(r.count(List.of("anon-1"))).isEqualTo(2);

    assertThat(r.remove(List.of("anon-1"))).isEqualTo(2);
    assertThat(r.events("bo", T - 3 * HOUR, T, 10)).isEmpty();
    assertThat(r.events("anon-1", T - 3 * HOUR, T, 10)).isEmpty();
    assertThat(r.events("cy", T - 3 * HOUR, T, 10)).hasSize(1);
    assertThat(r.size()).isEqualTo(1);
    assertThat(r.count(List.of("anon-1", "bo"))).isZero();
  }

  @Test
  void theLoaderDoesNotBringBackWhatAnErasureRemovedMeanwhile() {
    RecentEvents r = new RecentEvents(clock, Duration.ofDays(8), 1_000);
    Event e = at("ann", T - HOUR);
    // The loader read the row before the erasure deleted it, and hands it over after.
    RecentEvents.Loaded readBefore = loaded(r, e);
    r.remove(List.of("ann"));
    r.loaded(List.of(readBefore, loaded(r, at("bo", T - HOUR))));
    r.loadFinished();
    assertThat(r.events("ann", T - 2 * HOUR, T, 10)).isEmpty();
    assertThat(r.events("bo", T - 2 * HOUR, T, 10)).hasSize(1);
  }

  @Test
  void theAutomaticCapIsASixthOfTheHeap() {
    assertThat(RecentEvents.automaticCap(6L * RecentEvents.BYTES_PER_EVENT * 1_000_000))
        .isEqualTo(1_000_000);
  }

  static RecentEvents.Loaded loaded(RecentEvents r, Event e) {
    return new RecentEvents.Loaded(
        e.userKey(),
        new RecentEvents.Held(
            e.timestamp(),
            e.eventId().getMostSignificantBits(),
            e.eventId().getLeastSignificantBits(),
            e.sessionId(),
            e.type(),
            e.pageUrl(),
            e.pageName(),
            e.productId(),
            e.orderId(),
            e.amount(),
            e.currency(),
            e.searchQuery(),
            e.userId() != null ? e.anonymousId() : null));
  }

  /** The event as a journey lookup returns it (the fields a journey needs). */
  static Event held(Event e, String userKey) {
    return new Event(
        e.eventId(),
        e.type(),
        userKey,
        null,
        e.sessionId(),
        e.timestamp(),
        null,
        null,
        e.timestamp(),
        e.pageUrl(),
        e.pageName(),
        null,
        e.productId(),
        e.orderId(),
        e.amount(),
        e.currency(),
        e.searchQuery(),
        null,
        Event.Context.EMPTY,
        "store",
        Event.SCHEMA_VERSION);
  }
}
