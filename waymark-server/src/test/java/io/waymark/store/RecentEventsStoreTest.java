package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waymark.customers.TestClock;
import io.waymark.events.Event;
import io.waymark.events.TestEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract again, with the recent events in memory answering the journeys' reads, and
 * what they add: the same answers as DuckDB, after a restart too, and nothing left after an
 * erasure.
 */
class RecentEventsStoreTest extends AnalyticalStoreContract {

  static final long DAY = Duration.ofDays(1).toMillis();

  @TempDir Path dir;

  final TestClock clock = new TestClock(Instant.ofEpochMilli(NINE + DAY));
  final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

  @Override
  protected AnalyticalStore open() throws Exception {
    return withRecent(dir.resolve("waymark.duckdb"));
  }

  DuckDbStore withRecent(Path file) throws InterruptedException {
    return withRecent(file, new RecentEvents(clock, Duration.ofDays(8), 0));
  }

  DuckDbStore withRecent(Path file, RecentEvents recent) throws InterruptedException {
    DuckDbStore s = new DuckDbStore(file, 2, "512MB", "256MB", metrics, recent);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!recent.ready() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(recent.ready()).as("loaded within 30 s").isTrue();
    return s;
  }

  double answered(String by) {
    return metrics.get("waymark.store.recent.reads").tag("answered", by).counter().count();
  }

  List<Event> history() {
    return List.of(
        TestEvents.event("anon-1", "page_view", NINE - 2 * MINUTE)
            .page("/a")
            .anonymousOnly()
            .build(),
        TestEvents.event("bo", "click", NINE - MINUTE).anonymous("anon-1").build(),
        TestEvents.event("bo", "purchase", NINE).purchase("o-1", 42.5, "EUR").build(),
        TestEvents.event("bo", "page_view", NINE).page("/same-moment").named("Same").build(),
        TestEvents.event("bo", "page_view", NINE - 20 * DAY).page("/old").build(),
        TestEvents.event("cy", "search", NINE + MINUTE).build());
  }

  @Test
  void answersRecentPeriodsFromMemoryExactlyAsDuckDbDoes() throws Exception {
    Path file = dir.resolve("same.duckdb");
    long from = NINE - 3 * DAY;
    long to = NINE + DAY;
    List<Event> fromMemory;
    List<Event> anonymousFromMemory;
    List<Event> history = history();
    try (DuckDbStore s = withRecent(file)) {
      s.write(batch(history, 6));
      s.write(batch(history.subList(0, 2), 6)); // a replay: DuckDB ignores it, and so does memory
      double before = answered("memory");
      fromMemory = s.userEvents("bo", from, to, 100);
      anonymousFromMemory = s.userEvents("anon-1", from, to, 100);
      assertThat(answered("memory")).isEqualTo(before + 2);
      assertThat(fromMemory).hasSize(3);
      // A period before the floor is DuckDB's to answer, and it still holds the old event.
      assertThat(s.userEvents("bo", NINE - 30 * DAY, to, 100)).hasSize(4);
      assertThat(answered("duckdb")).isEqualTo(1);
    }
    try (DuckDbStore s = new DuckDbStore(file, 2, "512MB")) { // DuckDB alone
      assertThat(s.userEvents("bo", from, to, 100)).containsExactlyElementsOf(fromMemory);
      assertThat(s.userEvents("anon-1", from, to, 100))
          .containsExactlyElementsOf(anonymousFromMemory);
      assertThat(s.userEvents("bo", from, to, 2))
          .containsExactlyElementsOf(fromMemory.subList(0, 2));
    }
    try (DuckDbStore s = withRecent(file)) { // a restart loads what the file holds
      assertThat(s.userEvents("bo", from, to, 100)).containsExactlyElementsOf(fromMemory);
      assertThat(s.userEvents("bo", from, to, 2))
          .containsExactlyElementsOf(fromMemory.subList(0, 2));
      assertThat(s.userEvents("anon-1", from, to, 100))
          .containsExactlyElementsOf(anonymousFromMemory);
    }
  }

  @Test
  void anErasureLeavesNothingInMemoryAndTheVerificationCountsWhatWouldBeLeft() throws Exception {
    RecentEvents recent = new RecentEvents(clock, Duration.ofDays(8), 0);
    try (DuckDbStore s = withRecent(dir.resolve("erase.duckdb"), recent)) {
      s.write(batch(history(), 6));
      List<String> bo = List.of("bo", "anon-1");
      assertThat(s.countPersonal(PersonalTable.EVENTS, bo)).isEqualTo(5); // 4 of them in memory
      assertThat(s.erasePersonal(PersonalTable.EVENTS, bo)).isEqualTo(5);
      assertThat(s.countPersonal(PersonalTable.EVENTS, bo)).isZero();
      assertThat(s.userEvents("bo", NINE - 3 * DAY, NINE + DAY, 100)).isEmpty();
      assertThat(s.userEvents("anon-1", NINE - 3 * DAY, NINE + DAY, 100)).isEmpty();
      assertThat(s.userEvents("cy", NINE - 3 * DAY, NINE + DAY, 100)).hasSize(1);
      // Were a copy left in memory, the verification would not report the person gone.
      recent.added(List.of(TestEvents.event("bo", "click", NINE).build()));
      assertThat(s.countPersonal(PersonalTable.EVENTS, bo)).isEqualTo(1);
    }
  }
}
