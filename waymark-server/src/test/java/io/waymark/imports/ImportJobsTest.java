package io.waymark.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Import jobs in H2 with the real migration: progress, errors, and what a restart leaves. */
class ImportJobsTest {

  private static final long NINE = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();
  private ImportJobs jobs;

  @BeforeEach
  void database() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(
        "jdbc:h2:mem:imports-"
            + System.nanoTime()
            + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
    JdbcClient jdbc = JdbcClient.create(ds);
    String ddl = Files.readString(Path.of("src/main/resources/db/migration/V5__imports.sql"));
    for (String statement : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
      if (!statement.isBlank()) {
        jdbc.sql(statement).update();
      }
    }
    jobs = new ImportJobs(jdbc);
  }

  @Test
  void recordsProgressAndKeepsOnlyTheFirstErrors() {
    jobs.create("a", ImportKind.TICKETS, "t.json", 100, "ann", NINE);
    jobs.started("a", NINE + 5);
    ImportProgress p = new ImportProgress(2);
    p.read(3, 60);
    p.accepted(1);
    p.quarantined(2, "status", "unknown value");
    p.quarantined(3, "user_id", "is required");
    p.quarantined(4, "user_id", "is required");
    jobs.progress("a", p);
    ImportJob j = jobs.find("a").orElseThrow();
    assertThat(j.status()).isEqualTo(ImportJob.Status.RUNNING);
    assertThat(j.rowsRead()).isEqualTo(3);
    assertThat(j.rowsQuarantined()).isEqualTo(3);
    assertThat(j.bytesRead()).isEqualTo(60);
    assertThat(j.errors())
        .containsExactly(
            new ImportJob.RowError(2, "status", "unknown value"),
            new ImportJob.RowError(3, "user_id", "is required"));
    assertThat(ImportView.of(j).percent()).isEqualTo(60.0);
  }

  @Test
  void aRestartFailsTheJobsItInterruptedWithTheReasonAndLeavesFinishedOnes() {
    jobs.create("queued", ImportKind.CATALOGUE, "c.json", 10, "ann", NINE);
    jobs.create("running", ImportKind.CLICKSTREAM, "e.json", 10, "ann", NINE + 1);
    jobs.started("running", NINE + 2);
    jobs.create("done", ImportKind.TRANSACTIONS, "t.csv", 10, "ann", NINE + 3);
    jobs.finished("done", ImportJob.Status.COMPLETED, NINE + 4, 1, null);

    assertThat(jobs.failInterrupted(NINE + 60_000)).isEqualTo(2);

    ImportJob running = jobs.find("running").orElseThrow();
    assertThat(running.status()).isEqualTo(ImportJob.Status.FAILED);
    assertThat(running.failure()).startsWith("interrupted: Waymark stopped");
    assertThat(running.finishedAt()).isEqualTo(NINE + 60_000);
    assertThat(jobs.find("queued").orElseThrow().status()).isEqualTo(ImportJob.Status.FAILED);
    assertThat(jobs.find("done").orElseThrow().status()).isEqualTo(ImportJob.Status.COMPLETED);
    assertThat(jobs.list(null, 10))
        .extracting(ImportJob::id)
        .containsExactly("done", "running", "queued");
  }
}
