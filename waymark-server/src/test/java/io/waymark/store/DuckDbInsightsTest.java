package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.events.Event;
import io.waymark.privacy.ErasureSubject;
import io.waymark.store.InsightsQueries.DayCount;
import io.waymark.store.InsightsQueries.Funnel;
import io.waymark.store.InsightsQueries.Offset;
import io.waymark.store.InsightsQueries.Period;
import io.waymark.store.InsightsQueries.Ranked;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The insight rollups kept by the sink's writer, and the queries over them, on a real DuckDB. */
class DuckDbInsightsTest {

  private static final long DAY1 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;
  private static final long HOUR = 60 * MINUTE;
  private static final Period TWO_DAYS_UTC =
      new Period(DAY1, DAY1 + 48 * HOUR, List.of(new Offset(DAY1, 0)));

  @TempDir Path dir;
  private DuckDbStore store;
  private DuckDbInsights insights;

  @BeforeEach
  void open() {
    store = new DuckDbStore(dir.resolve("waymark.duckdb"), 2, "512MB");
    insights = new DuckDbInsights(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static Event event(String user, String type, long at) {
    return event(user, null, type, at, null, null, null, null);
  }

  private static Event event(
      String user,
      String anonymous,
      String type,
      long at,
      String page,
      String product,
      String query,
      Double amount) {
    return new Event(
        UUID.randomUUID(),
        type,
        user,
        anonymous,
        null,
        at,
        null,
        null,
        at + 5,
        page,
        null,
        null,
        product,
        amount == null ? null : "o-" + at,
        amount,
        amount == null ? null : "EUR",
        query,
        null,
        Event.Context.EMPTY,
        "test",
        Event.SCHEMA_VERSION);
  }

  private static SinkBatch batch(List<Event> events, long nextOffset) {
    return new SinkBatch(events, List.of(), Map.of("events", Map.of(0, nextOffset)));
  }

  private List<Event> shopping() {
    long t = DAY1 + 9 * HOUR;
    return List.of(
        event("ann", null, "page_view", t, "/", null, null, null),
        event("ann", null, "search", t + MINUTE, null, null, " Red  Boots", null),
        event("ann", null, "product_view", t + 2 * MINUTE, null, "p-1", null, null),
        event("ann", null, "add_to_cart", t + 3 * MINUTE, null, "p-1", null, null),
        event("ann", null, "checkout", t + 4 * MINUTE, null, null, null, null),
        event("ann", null, "purchase", t + 5 * MINUTE, null, null, null, 40.0),
        event("bob", null, "search", t + 20 * HOUR, null, null, "red boots", null),
        event("bob", null, "product_view", t + 20 * HOUR, null, "p-1", null, null),
        event("bob", null, "page_view", t + 20 * HOUR, "/", null, null, null));
  }

  @Test
  void replayingABatchDoesNotCountTwice() {
    List<Event> events = shopping();
    store.write(batch(events, 9));
    store.write(batch(events, 9)); // the sink replays after a crash before its commit was seen
    store.write(batch(events.subList(0, 3), 9)); // and a part of it again

    assertThat(insights.topPages(TWO_DAYS_UTC, 10)).containsExactly(new Ranked("/", null, 2, 0));
    assertThat(insights.topProducts(TWO_DAYS_UTC, 10))
        .containsExactly(new Ranked("p-1", null, 2, 1));
    assertThat(insights.topSearches(TWO_DAYS_UTC, 10))
        .containsExactly(new Ranked("red boots", null, 2, 0));
    assertThat(insights.mostActiveUsers(TWO_DAYS_UTC, 10))
        .containsExactly(new Ranked("ann", null, 6, 1), new Ranked("bob", null, 3, 0));
    assertThat(insights.personFunnel(TWO_DAYS_UTC)).isEqualTo(new Funnel(2, 2, 1, 1, 1, 1));
    long purchases =
        insights.eventsByDay(TWO_DAYS_UTC).stream()
            .filter(c -> c.type().equals("purchase"))
            .mapToLong(c -> c.events())
            .sum();
    assertThat(purchases).isEqualTo(1);
  }

  @Test
  void aStoreWrittenBeforeTheRollupsIsBackfilledFromItsEvents() throws Exception {
    store.write(batch(shopping(), 9));
    List<Ranked> pages = insights.topPages(TWO_DAYS_UTC, 10);
    List<Ranked> products = insights.topProducts(TWO_DAYS_UTC, 10);
    List<Ranked> searches = insights.topSearches(TWO_DAYS_UTC, 10);
    List<Ranked> users = insights.mostActiveUsers(TWO_DAYS_UTC, 10);
    var days = insights.eventsByDay(TWO_DAYS_UTC);
    store.close();
    // As if the file came from a Waymark without the backfill: empty rollups, steps not applied.
    try (var c =
            java.sql.DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("waymark.duckdb"));
        var s = c.createStatement()) {
      for (String t : List.of("event_counts", "pages", "products", "searches", "users")) {
        s.execute("DELETE FROM insight_" + t);
      }
      s.execute(
          "DELETE FROM store_migrations WHERE step > (SELECT max(step) FROM store_migrations) - "
              + DuckDbSchema.backfillSteps());
    }
    open();

    assertThat(insights.topPages(TWO_DAYS_UTC, 10)).isEqualTo(pages);
    assertThat(insights.topProducts(TWO_DAYS_UTC, 10)).isEqualTo(products);
    assertThat(insights.topSearches(TWO_DAYS_UTC, 10)).isEqualTo(searches);
    assertThat(insights.mostActiveUsers(TWO_DAYS_UTC, 10)).isEqualTo(users);
    assertThat(insights.eventsByDay(TWO_DAYS_UTC)).isEqualTo(days);
  }

  @Test
  void bucketsDaysInTheRequestedZoneAcrossADaylightSavingChange() {
    // Europe/Madrid moves from +01:00 to +02:00 at 2026-03-29T01:00Z.
    long change = Instant.parse("2026-03-29T01:00:00Z").toEpochMilli();
    long from = Instant.parse("2026-03-27T23:00:00Z").toEpochMilli(); // 28 March 00:00 local
    long to = Instant.parse("2026-03-29T22:00:00Z").toEpochMilli(); // 30 March 00:00 local
    store.write(
        batch(
            List.of(
                event(
                    "cy",
                    "click",
                    Instant.parse("2026-03-28T23:30:00Z").toEpochMilli()), // 00:30 local
                event("cy", "click", Instant.parse("2026-03-29T21:45:00Z").toEpochMilli()),
                event("dee", "click", Instant.parse("2026-03-27T23:15:00Z").toEpochMilli())),
            3));
    Period madrid =
        new Period(from, to, List.of(new Offset(from, HOUR), new Offset(change, 2 * HOUR)));

    assertThat(insights.activePeopleByDay(madrid))
        .containsExactly(
            new DayCount(LocalDate.parse("2026-03-28").toEpochDay(), 1), // dee
            new DayCount(LocalDate.parse("2026-03-29").toEpochDay(), 1)); // cy twice
    assertThat(insights.newPeopleByDay(madrid))
        .containsExactly(
            new DayCount(LocalDate.parse("2026-03-28").toEpochDay(), 1),
            new DayCount(LocalDate.parse("2026-03-29").toEpochDay(), 1));
  }

  @Test
  void countsAPersonOnceOverTheirLinkedIdentities() {
    long t = DAY1 + 9 * HOUR;
    store.write(
        batch(
            List.of(
                event(null, "anon-9", "product_view", t, null, "p-2", null, null),
                event("eve", "anon-9", "click", t + MINUTE, null, null, null, null),
                event("eve", null, "add_to_cart", t + 2 * MINUTE, null, "p-2", null, null)),
            3));

    assertThat(insights.mostActiveUsers(TWO_DAYS_UTC, 10))
        .containsExactly(new Ranked("eve", null, 3, 0));
    assertThat(insights.personFunnel(TWO_DAYS_UTC)).isEqualTo(new Funnel(1, 1, 1, 0, 0, 0));
    assertThat(insights.newPeopleByDay(TWO_DAYS_UTC))
        .containsExactly(new DayCount(LocalDate.parse("2026-03-01").toEpochDay(), 1));
  }

  @Test
  void erasesExactlyTheSubjectsRollupRows() {
    long t = DAY1 + 9 * HOUR;
    store.write(
        batch(
            List.of(
                event(null, "anon-9", "click", t, null, null, null, null),
                event("eve", "anon-9", "click", t + HOUR, null, null, null, null),
                event("fay", null, "click", t, null, null, null, null)),
            3));
    InsightUsersHolder holder = new InsightUsersHolder(store);
    ErasureSubject eve = new ErasureSubject("eve", List.of("eve", "anon-9"));

    assertThat(holder.count(eve)).isEqualTo(2);
    assertThat(holder.erase(eve)).isEqualTo(2);
    assertThat(holder.erase(eve)).isZero();
    assertThat(holder.count(eve)).isZero();
    assertThat(holder.count(new ErasureSubject("fay", List.of("fay")))).isEqualTo(1);
  }

  @Test
  void erasingAPersonsEventsWithdrawsTheirCountsAndTheRowsOnlyTheyMade() {
    long t = DAY1 + 9 * HOUR;
    store.write(
        batch(
            List.of(
                event("eve", null, "page_view", t, "/gift-for-fay", null, null, null),
                event("eve", null, "search", t, null, null, "ring size 7", null),
                event("eve", null, "page_view", t, "/", null, null, null),
                event("eve", null, "product_view", t, null, "p-1", null, null),
                event("fay", null, "page_view", t, "/", null, null, null),
                event("fay", null, "product_view", t, null, "p-1", null, null)),
            6));

    assertThat(store.erasePersonal(PersonalTable.EVENTS, List.of("eve"))).isEqualTo(4);

    assertThat(insights.topPages(TWO_DAYS_UTC, 10)).containsExactly(new Ranked("/", null, 1, 0));
    assertThat(insights.topSearches(TWO_DAYS_UTC, 10)).isEmpty();
    assertThat(insights.topProducts(TWO_DAYS_UTC, 10))
        .containsExactly(new Ranked("p-1", null, 1, 0));
    long views =
        insights.eventsByDay(TWO_DAYS_UTC).stream()
            .filter(c -> c.type().equals("page_view"))
            .mapToLong(c -> c.events())
            .sum();
    assertThat(views).isEqualTo(1);
  }
}
