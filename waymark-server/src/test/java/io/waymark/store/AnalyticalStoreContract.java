package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.events.Event;
import io.waymark.events.QuarantinedItem;
import io.waymark.events.TestEvents;
import io.waymark.sessions.SessionRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every analytical store must do; each implementation runs this suite against a real server or
 * file.
 */
public abstract class AnalyticalStoreContract {

  protected static final long NINE = Instant.parse("2026-03-01T09:00:00Z").toEpochMilli();
  protected static final long MINUTE = 60_000;

  protected AnalyticalStore store;

  protected abstract AnalyticalStore open() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = open();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  protected static Event event(String user, long at, String type) {
    return TestEvents.event(user, type, at).page("/p").build();
  }

  protected static SinkBatch batch(List<Event> events, long nextOffset) {
    return new SinkBatch(events, List.of(), Map.of("events", Map.of(0, nextOffset)));
  }

  @Test
  void writesEachEventIdOnceEvenWhenABatchIsReplayed() {
    List<Event> events =
        List.of(event("u1", NINE, "page_view"), event("u1", NINE + MINUTE, "click"));
    store.write(batch(events, 2));
    store.write(batch(events, 2));
    store.write(batch(List.of(events.get(0), events.get(0)), 3));
    assertThat(store.userEvents("u1", NINE, NINE + 10 * MINUTE, 100)).hasSize(2);
    assertThat(store.user("u1").orElseThrow().eventCount()).isEqualTo(2);
  }

  @Test
  void linksAnonymousIdsToTheFirstUserTheyWereSeenWith() {
    Event before = TestEvents.event("anon-1", "page_view", NINE).page("/a").anonymousOnly().build();
    Event identify = TestEvents.event("bo", "click", NINE + MINUTE).anonymous("anon-1").build();
    Event other = TestEvents.event("bo", "click", NINE + 2 * MINUTE).anonymous("anon-2").build();
    Event later = TestEvents.event("cy", "click", NINE + 3 * MINUTE).anonymous("anon-1").build();
    store.write(batch(List.of(before, identify), 2));
    store.write(batch(List.of(other, later), 4));

    assertThat(store.linkedAnonymousIds("bo")).containsExactly("anon-1", "anon-2");
    assertThat(store.linkedAnonymousIds("cy")).isEmpty();
    assertThat(store.linkedAnonymousIds("anon-1")).isEmpty();
    assertThat(store.userEvents("anon-1", NINE, NINE + MINUTE, 10)).hasSize(1);
  }

  @Test
  void keepsTheLogPositionWithTheRows() {
    store.write(batch(List.of(event("u1", NINE, "click")), 41));
    store.write(
        new SinkBatch(
            List.of(),
            List.of(),
            Map.of("events", Map.of(0, 42L, 3, 7L), "quarantine", Map.of(1, 5L))));
    assertThat(store.committedOffsets())
        .isEqualTo(Map.of("events", Map.of(0, 42L, 3, 7L), "quarantine", Map.of(1, 5L)));
  }

  @Test
  void returnsAUsersEventsInAPeriodOldestFirst() {
    Event a = event("u2", NINE, "page_view");
    Event b = event("u2", NINE + 2 * MINUTE, "click");
    Event c = event("u2", NINE + 4 * MINUTE, "click");
    store.write(batch(List.of(c, a, b, event("other", NINE, "click")), 4));
    List<Event> period = store.userEvents("u2", NINE, NINE + 4 * MINUTE, 100);
    assertThat(period).extracting(Event::eventId).containsExactly(a.eventId(), b.eventId());
    assertThat(period.get(0).pageUrl()).isEqualTo("/p");
    assertThat(period.get(0).timestamp()).isEqualTo(NINE);
    assertThat(period.get(1).type()).isEqualTo("click");
    assertThat(store.userEvents("u2", NINE, NINE + 5 * MINUTE, 2))
        .extracting(Event::eventId)
        .containsExactly(a.eventId(), b.eventId());
  }

  @Test
  void pagesBackwardsThroughEventsWithTheSameTimestamp() {
    List<Event> same =
        List.of(event("u3", NINE, "click"), event("u3", NINE, "click"), event("u3", NINE, "click"));
    store.write(batch(same, 3));
    List<Event> first = store.userEventsBefore("u3", null, 2);
    Event last = first.get(1);
    List<Event> second =
        store.userEventsBefore("u3", new EventCursor(last.timestamp(), last.eventId()), 2);
    assertThat(first).hasSize(2);
    assertThat(second).hasSize(1);
    assertThat(second).doesNotContainAnyElementsOf(first);
  }

  @Test
  void findsUsersByLiteralPrefix() {
    store.write(
        batch(
            List.of(
                event("a_b", NINE, "click"),
                event("axb", NINE + MINUTE, "click"),
                event("b", NINE, "click")),
            3));
    assertThat(store.findUsers("a_", 10)).extracting(UserSummary::userKey).containsExactly("a_b");
    assertThat(store.findUsers("", 10)).extracting(UserSummary::userKey).startsWith("axb");
    UserSummary u = store.user("axb").orElseThrow();
    assertThat(u.firstSeen()).isEqualTo(NINE + MINUTE);
    assertThat(store.user("nobody")).isEmpty();
  }

  @Test
  void tracksFirstAndLastSeenAcrossBatches() {
    store.write(batch(List.of(event("u4", NINE + 10 * MINUTE, "click")), 1));
    store.write(
        batch(List.of(event("u4", NINE, "click"), event("u4", NINE + 20 * MINUTE, "click")), 3));
    UserSummary u = store.user("u4").orElseThrow();
    assertThat(u.firstSeen()).isEqualTo(NINE);
    assertThat(u.lastSeen()).isEqualTo(NINE + 20 * MINUTE);
    assertThat(u.eventCount()).isEqualTo(3);
  }

  @Test
  void keepsQuarantinedItemsNewestFirst() {
    QuarantinedItem older = item(NINE);
    QuarantinedItem newer = item(NINE + MINUTE);
    store.write(
        new SinkBatch(
            List.of(), List.of(older, newer, older), Map.of("quarantine", Map.of(0, 3L))));
    assertThat(store.quarantine(null, 10)).containsExactly(newer, older);
    assertThat(store.quarantine(new EventCursor(newer.receivedAt(), newer.id()), 10))
        .containsExactly(older);
  }

  @Test
  void deletesQuarantinedItemsReceivedBeforeTheRetentionCutoffOnly() {
    QuarantinedItem old = item(NINE);
    QuarantinedItem atCutoff = item(NINE + 10 * MINUTE);
    QuarantinedItem fresh = item(NINE + 20 * MINUTE);
    store.write(
        new SinkBatch(
            List.of(), List.of(old, atCutoff, fresh), Map.of("quarantine", Map.of(0, 3L))));
    assertThat(store.deleteQuarantineBefore(NINE + 10 * MINUTE)).isEqualTo(1);
    assertThat(store.quarantine(null, 10)).containsExactly(fresh, atCutoff);
    assertThat(store.deleteQuarantineBefore(NINE + 10 * MINUTE)).isZero();
  }

  @Test
  void filtersQuarantinedItemsBySourceTextAndTimeAndFindsOneById() {
    QuarantinedItem early = item(NINE);
    QuarantinedItem late = item(NINE + 10 * MINUTE);
    QuarantinedItem imported =
        new QuarantinedItem(
            UUID.randomUUID(),
            NINE + 5 * MINUTE,
            "import:transactions:t1",
            null,
            null,
            400,
            "amount: must be a number",
            List.of(new QuarantinedItem.Problem("amount", "must be a number")),
            7,
            "u9",
            "t1,u9,abc",
            false);
    store.write(
        new SinkBatch(
            List.of(), List.of(early, late, imported), Map.of("quarantine", Map.of(0, 3L))));
    assertThat(store.quarantine(new QuarantineFilter("import:", null, null, null), null, 10))
        .containsExactly(imported);
    assertThat(store.quarantine(new QuarantineFilter("http:", null, null, null), null, 10))
        .containsExactly(late, early);
    assertThat(store.quarantine(new QuarantineFilter(null, "AMOUNT", null, null), null, 10))
        .containsExactly(imported);
    assertThat(store.quarantine(new QuarantineFilter(null, "is required", null, null), null, 10))
        .containsExactly(late, early);
    assertThat(
            store.quarantine(
                new QuarantineFilter(null, null, NINE + MINUTE, NINE + 10 * MINUTE), null, 10))
        .containsExactly(imported);
    assertThat(
            store.quarantine(
                new QuarantineFilter("http:", null, null, null),
                new EventCursor(late.receivedAt(), late.id()),
                10))
        .containsExactly(early);
    assertThat(store.quarantineItem(imported.id())).contains(imported);
    assertThat(store.quarantineItem(UUID.randomUUID())).isEmpty();
  }

  @Test
  void upsertsSessionsAndRemovesMergedOnes() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    SessionRecord first = session(a, NINE, NINE + 10 * MINUTE, 2);
    SessionRecord second = session(b, NINE + 50 * MINUTE, NINE + 55 * MINUTE, 1);
    store.write(
        new SinkBatch(
            List.of(), List.of(), List.of(first, second), Map.of("sessions", Map.of(0, 2L))));
    assertThat(store.userSessions("u5", NINE, NINE + 60 * MINUTE, 10))
        .containsExactly(first, second);
    SessionRecord merged = session(a, NINE, NINE + 55 * MINUTE, 4);
    store.write(
        new SinkBatch(
            List.of(),
            List.of(),
            List.of(
                new SessionRecord(b, "u5", 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, a), merged),
            Map.of("sessions", Map.of(0, 4L))));
    assertThat(store.userSessions("u5", NINE, NINE + 60 * MINUTE, 10)).containsExactly(merged);
  }

  private static SessionRecord session(UUID id, long start, long end, int events) {
    return new SessionRecord(
        id, "u5", start, end, events, events, 0, 0, 0, 0, 0.0, null, "/", "/", null);
  }

  private static QuarantinedItem item(long at) {
    return new QuarantinedItem(
        UUID.randomUUID(),
        at,
        "http:/api/v1/events",
        "k1",
        "127.0.0.1",
        400,
        "type: is required",
        List.of(new QuarantinedItem.Problem("type", "is required")),
        0,
        "u9",
        "{}",
        false);
  }
}
