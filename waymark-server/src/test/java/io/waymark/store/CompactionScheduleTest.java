package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the schedule starts a compaction: at the daily time, and after enough appended events. */
class CompactionScheduleTest {

  static final Instant MONDAY_NOON = Instant.parse("2026-03-02T12:00:00Z");
  static final Instant TUESDAY_THREE = Instant.parse("2026-03-03T03:00:00Z");

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    Instant now = MONDAY_NOON;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @TempDir Path dir;
  DuckDbStore store;
  StoreCompactor compactor;
  TestClock clock = new TestClock();
  AtomicLong appended = new AtomicLong();

  @BeforeEach
  void open() {
    store = new DuckDbStore(dir.resolve("waymark.duckdb"), 1, "256MB");
    compactor = new StoreCompactor(store, clock, new SimpleMeterRegistry(), 1_000);
  }

  @AfterEach
  void close() {
    compactor.close();
    store.close();
  }

  @Test
  void runsOnceADayAtTheSetTime() {
    var schedule = new CompactionSchedule(compactor, appended::get, clock, LocalTime.of(3, 0), 0);
    assertThat(schedule.nextDaily()).isEqualTo(TUESDAY_THREE);
    assertThat(schedule.tick()).isNull();

    clock.now = TUESDAY_THREE.minusSeconds(1);
    assertThat(schedule.tick()).isNull();
    clock.now = TUESDAY_THREE.plusSeconds(30);
    CompactionRun run = schedule.tick();
    assertThat(run.trigger()).isEqualTo("daily");
    assertThat(run.status()).isEqualTo(CompactionRun.Status.SUCCEEDED);
    assertThat(schedule.tick()).isNull();
    assertThat(schedule.nextDaily()).isEqualTo(TUESDAY_THREE.plusSeconds(86_400));
  }

  @Test
  void runsAfterTheSetNumberOfAppendedEvents() {
    var schedule = new CompactionSchedule(compactor, appended::get, clock, null, 500);
    appended.set(499);
    assertThat(schedule.tick()).isNull();
    appended.set(500);
    assertThat(schedule.tick().trigger()).isEqualTo("rows");
    assertThat(schedule.nextDaily()).isNull();
  }

  @Test
  void namesTheSettingWhenTheDailyTimeIsWrong() {
    assertThat(CompactionSchedule.parseDailyAt(" ")).isNull();
    assertThat(CompactionSchedule.parseDailyAt("03:30")).isEqualTo(LocalTime.of(3, 30));
    assertThatThrownBy(() -> CompactionSchedule.parseDailyAt("3am"))
        .hasMessageContaining("waymark.store.compaction.daily-at")
        .hasMessageContaining("'3am'");
  }
}
