package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.events.Event;
import io.waymark.events.TestEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract against a real DuckDB file. */
class DuckDbStoreTest extends AnalyticalStoreContract {

  @TempDir Path dir;

  @Override
  protected AnalyticalStore open() {
    return new DuckDbStore(dir.resolve("waymark.duckdb"), 2, "512MB");
  }

  @Test
  void backgroundWorkWaitsForReadsButNotForever() throws Exception {
    try (DuckDbStore store = new DuckDbStore(dir.resolve("quiet.duckdb"), 2, "512MB")) {
      AtomicBoolean reading = new AtomicBoolean(true);
      Thread reader =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (reading.get()) {
                      store.user("someone");
                    }
                  });
      try {
        Thread.sleep(50);
        // Reads never stop for 200 ms here, so the wait gives up at its bound.
        assertThat(store.awaitQuiet(Duration.ofMillis(200), Duration.ofMillis(100))).isFalse();
      } finally {
        reading.set(false);
        reader.join();
      }
      assertThat(store.awaitQuiet(Duration.ofMillis(10), Duration.ofSeconds(30))).isTrue();
    }
  }

  @Test
  void knowsWhoHasLinksAndTheNewestEventAfterReopening() {
    Path file = dir.resolve("links.duckdb");
    Event identify = TestEvents.event("bo", "click", NINE + MINUTE).anonymous("anon-1").build();
    Event plain = TestEvents.event("cy", "click", NINE).build();
    Instant newest = Instant.ofEpochMilli(Math.max(identify.receivedAt(), plain.receivedAt()));
    try (DuckDbStore s = new DuckDbStore(file, 2, "512MB")) {
      assertThat(s.newestReceivedAt()).isNull();
      s.write(batch(List.of(identify, plain), 2));
      assertThat(s.linkedAnonymousIds("bo")).containsExactly("anon-1");
      assertThat(s.linkedAnonymousIds("cy")).isEmpty();
      assertThat(s.newestReceivedAt()).isEqualTo(newest);
    }
    // A new process learns both from the file: the links by one query, the newest by one scan.
    try (DuckDbStore s = new DuckDbStore(file, 2, "512MB")) {
      assertThat(s.linkedAnonymousIds("bo")).containsExactly("anon-1");
      assertThat(s.linkedAnonymousIds("cy")).isEmpty();
      assertThat(s.newestReceivedAt()).isEqualTo(newest);
    }
  }

  @Test
  void ordersEventsAtTheSameMomentByIdWhetherTheLimitIsReachedOrNot() {
    List<Event> ties =
        java.util.stream.IntStream.range(0, 6)
            .mapToObj(i -> TestEvents.event("u3", "click", NINE).build())
            .toList();
    try (DuckDbStore s = new DuckDbStore(dir.resolve("ties.duckdb"), 2, "512MB")) {
      s.write(batch(ties, 5));
      List<java.util.UUID> byText =
          ties.stream()
              .map(Event::eventId)
              .sorted(java.util.Comparator.comparing(java.util.UUID::toString))
              .toList();
      // Fewer rows than the limit: sorted here; the limit reached: sorted by the store.
      assertThat(s.userEvents("u3", NINE, NINE + MINUTE, 100))
          .extracting(Event::eventId)
          .containsExactlyElementsOf(byText);
      assertThat(s.userEvents("u3", NINE, NINE + MINUTE, 3))
          .extracting(Event::eventId)
          .containsExactlyElementsOf(byText.subList(0, 3));
    }
  }
}
