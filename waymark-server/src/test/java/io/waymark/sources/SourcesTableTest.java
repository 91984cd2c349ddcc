package io.waymark.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.outbound.OutboundGuard;
import io.waymark.outbound.OutboundSettings;
import io.waymark.vault.MasterKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sources and runs in H2 with the real migration: holding, claiming, and what a restart leaves. */
class SourcesTableTest {

  private static final MasterKey KEY =
      MasterKey.fromBase64(java.util.Base64.getEncoder().encodeToString(new byte[32]));

  private static final long NINE = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();
  private static final long NINE_FIFTEEN = NINE + 15 * 60_000;
  private Sources sources;
  private SourceRuns runs;

  @BeforeEach
  void database() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(
        "jdbc:h2:mem:sources-"
            + System.nanoTime()
            + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
    JdbcClient jdbc = JdbcClient.create(ds);
    String ddl = Files.readString(Path.of("src/main/resources/db/migration/V7__sources.sql"));
    for (String statement : ddl.replaceAll("(?m)^\\s*--.*$", "").split(";")) {
      if (!statement.isBlank()) {
        jdbc.sql(statement).update();
      }
    }
    sources = new Sources(jdbc, KEY);
    runs = new SourceRuns(jdbc);
    SourceInput.Valid feed =
        new SourceInput("Feed", "catalogue", "http://192.0.2.10/c.json", null, null, 15, null, null)
            .check(List.of(), new OutboundGuard(new OutboundSettings(List.of(), 5)), null);
    sources.create("s", feed, "ann", NINE, NINE_FIFTEEN);
  }

  @Test
  void aSourceIsDueAtItsTimeAndOnlyOneClaimOfThatTimeWins() {
    assertThat(sources.due(NINE_FIFTEEN - 1)).isEmpty();
    assertThat(sources.due(NINE_FIFTEEN)).extracting(Source::id).containsExactly("s");
    assertThat(sources.claimDue("s", "run-a", NINE_FIFTEEN, NINE_FIFTEEN + 900_000)).isTrue();
    assertThat(sources.claimDue("s", "run-b", NINE_FIFTEEN, NINE_FIFTEEN + 900_000)).isFalse();
    assertThat(sources.due(NINE_FIFTEEN + 900_000)).as("held while it runs").isEmpty();
    sources.release("s", "run-a");
    assertThat(sources.find("s").orElseThrow().nextRunAt()).isEqualTo(NINE_FIFTEEN + 900_000);
  }

  @Test
  void aRunByHandHoldsTheSourceAgainstASecondRunAndAgainstDeletion() {
    assertThat(sources.hold("s", "run-a")).isTrue();
    assertThat(sources.hold("s", "run-b")).isFalse();
    assertThat(sources.claimDue("s", "run-c", NINE_FIFTEEN, NINE_FIFTEEN + 1)).isFalse();
    assertThat(sources.deleteIdle("s")).isFalse();
    sources.release("s", "run-b"); // not the holder: changes nothing
    assertThat(sources.find("s").orElseThrow().runningRunId()).isEqualTo("run-a");
    sources.release("s", "run-a");
    assertThat(sources.deleteIdle("s")).isTrue();
  }

  @Test
  void aRestartFailsTheRunsItInterruptedAndReleasesTheirSources() {
    sources.hold("s", "run-a");
    runs.start("run-a", "s", "ann", NINE);
    runs.importStarted("run-a", "imp-1");
    runs.importStarted("run-a", "imp-2");
    assertThat(runs.failInterrupted(NINE + 5)).isEqualTo(1);
    sources.releaseAll();
    SourceRun r = runs.find("s", "run-a").orElseThrow();
    assertThat(r.status()).isEqualTo(SourceRun.Status.FAILED);
    assertThat(r.error()).startsWith("interrupted");
    assertThat(r.importIds()).containsExactly("imp-1", "imp-2");
    assertThat(sources.find("s").orElseThrow().runningRunId()).isNull();
  }
}
