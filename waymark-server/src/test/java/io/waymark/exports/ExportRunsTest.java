package io.waymark.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Export runs in H2 with the real migration: the once-only claim of a scheduled day. */
class ExportRunsTest {

  private static final LocalDate FIRST_OF_MARCH = LocalDate.parse("2026-03-01");
  private static final long TEN = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
  private JdbcClient jdbc;

  @BeforeEach
  void database() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(
        "jdbc:h2:mem:exports-"
            + System.nanoTime()
            + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
    jdbc = JdbcClient.create(ds);
    String ddl = Files.readString(Path.of("src/main/resources/db/migration/V8__exports.sql"));
    for (String statement : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
      if (!statement.isBlank()) {
        jdbc.sql(statement).update();
      }
    }
  }

  @Test
  void onlyOneOfManyConcurrentClaimsOfTheSameDayWins() throws Exception {
    int instances = 8;
    CountDownLatch go = new CountDownLatch(1);
    List<Callable<Optional<String>>> claims = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      ExportRuns runs = new ExportRuns(jdbc, "instance-" + i);
      claims.add(
          () -> {
            go.await();
            return runs.claimScheduled("exp-1", FIRST_OF_MARCH, TEN);
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(instances);
    try {
      List<Future<Optional<String>>> results = new ArrayList<>();
      for (Callable<Optional<String>> c : claims) {
        results.add(pool.submit(c));
      }
      go.countDown();
      long won = 0;
      for (Future<Optional<String>> f : results) {
        won += f.get().isPresent() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    ExportRuns any = new ExportRuns(jdbc, "instance-0");
    assertThat(any.claimed("exp-1", FIRST_OF_MARCH)).isTrue();
    assertThat(any.list("exp-1", null, 10)).hasSize(1);
    assertThat(any.list("exp-1", null, 10).get(0).cause()).isEqualTo(ExportRun.Cause.SCHEDULE);
  }

  @Test
  void anotherDayOrAnotherExportIsAClaimOfItsOwnAndManualRunsNeverCollide() {
    ExportRuns runs = new ExportRuns(jdbc, "a");
    assertThat(runs.claimScheduled("exp-1", FIRST_OF_MARCH, TEN)).isPresent();
    assertThat(runs.claimScheduled("exp-1", FIRST_OF_MARCH.plusDays(1), TEN)).isPresent();
    assertThat(runs.claimScheduled("exp-2", FIRST_OF_MARCH, TEN)).isPresent();
    assertThat(runs.claimScheduled("exp-1", FIRST_OF_MARCH, TEN)).isEmpty();
    runs.createManual("exp-1", FIRST_OF_MARCH, "ann", TEN);
    runs.createManual("exp-1", FIRST_OF_MARCH, "ann", TEN);
    assertThat(runs.list("exp-1", null, 10)).hasSize(4);
  }

  @Test
  void aRestartFailsOnlyItsOwnUnfinishedRunsWithWhatToDo() {
    ExportRuns mine = new ExportRuns(jdbc, "mine");
    ExportRuns theirs = new ExportRuns(jdbc, "theirs");
    String a = mine.createManual("exp-1", FIRST_OF_MARCH, "ann", TEN);
    String b = theirs.createManual("exp-1", FIRST_OF_MARCH, "ann", TEN);
    mine.started(a, TEN + 1);
    theirs.started(b, TEN + 1);
    assertThat(mine.failInterrupted(TEN + 5)).isEqualTo(1);
    ExportRun failed = mine.find("exp-1", a).orElseThrow();
    assertThat(failed.status()).isEqualTo(ExportRun.Status.FAILED);
    assertThat(failed.error()).contains("Trigger the date again");
    assertThat(theirs.find("exp-1", b).orElseThrow().status()).isEqualTo(ExportRun.Status.RUNNING);
  }

  @Test
  void theDueSlotIsTheLatestScheduledTimeAtOrBeforeNow() {
    LocalTime ten = LocalTime.of(10, 0);
    assertThat(ExportScheduler.dueSlot(ten, Instant.parse("2026-03-02T09:59:59Z")))
        .isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    assertThat(ExportScheduler.dueSlot(ten, Instant.parse("2026-03-02T10:00:00Z")))
        .isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
    assertThat(ExportScheduler.dueSlot(ten, Instant.parse("2026-03-02T23:00:00Z")))
        .isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
  }
}
