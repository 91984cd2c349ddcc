package io.waymark.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.customers.TestClock;
import io.waymark.events.QuarantinedItem;
import io.waymark.store.AnalyticalStore;
import io.waymark.store.DuckDbStore;
import io.waymark.store.SinkBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quarantine's retention against a real DuckDB store, on a clock moved by hand. */
class QuarantineRetentionTest {

  private static final Instant FIRST_OF_MARCH = Instant.parse("2026-03-01T09:00:00Z");

  @TempDir Path dir;

  @Test
  void deletesItemsOnceTheyAreOlderThanTheRetentionByTheInjectedClock() {
    try (AnalyticalStore store = new DuckDbStore(dir.resolve("q.duckdb"), 1, "256MB")) {
      QuarantinedItem march = item(FIRST_OF_MARCH);
      QuarantinedItem april = item(FIRST_OF_MARCH.plus(Duration.ofDays(31)));
      store.write(
          new SinkBatch(List.of(), List.of(march, april), Map.of("quarantine", Map.of(0, 2L))));
      TestClock clock = new TestClock(FIRST_OF_MARCH.plus(Duration.ofDays(30)));
      QuarantineRetention retention = new QuarantineRetention(store, Duration.ofDays(30), clock);

      assertThat(retention.sweep()).isZero(); // exactly 30 days old: kept
      clock.advance(Duration.ofMillis(1));
      assertThat(retention.sweep()).isEqualTo(1);
      assertThat(store.quarantine(null, 10)).containsExactly(april);

      clock.advance(Duration.ofDays(31));
      assertThat(retention.sweep()).isEqualTo(1);
      assertThat(store.quarantine(null, 10)).isEmpty();
    }
  }

  private static QuarantinedItem item(Instant at) {
    return new QuarantinedItem(
        UUID.randomUUID(),
        at.toEpochMilli(),
        "http:/api/v1/events",
        "k1",
        "127.0.0.1",
        400,
        "type: is required",
        List.of(new QuarantinedItem.Problem("type", "is required")),
        null,
        "u1",
        "{\"user_id\":\"u1\"}",
        false);
  }
}
