package io.waymark.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulkLoaderTest {

  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final long USERS = 200;
  private static final long EVENTS = 12_345;

  /** The server's schema as the contract describes it. */
  private static final String EVENTS_TABLE =
      """
      CREATE TABLE events (
        event_id UUID PRIMARY KEY, user_key VARCHAR NOT NULL, user_id VARCHAR,
        anonymous_id VARCHAR, session_id VARCHAR, type VARCHAR NOT NULL,
        ts TIMESTAMP NOT NULL, client_ts TIMESTAMP, sent_at TIMESTAMP,
        received_at TIMESTAMP NOT NULL, page_url VARCHAR, page_name VARCHAR, referrer VARCHAR,
        product_id VARCHAR, order_id VARCHAR, amount DOUBLE, currency VARCHAR,
        search_query VARCHAR, properties VARCHAR, ctx_ip VARCHAR, ctx_user_agent VARCHAR,
        ctx_locale VARCHAR, ctx_country VARCHAR, source VARCHAR NOT NULL,
        schema_version SMALLINT NOT NULL%s)
      """;

  private static final String USERS_TABLE =
      """
      CREATE TABLE users (user_key VARCHAR PRIMARY KEY, user_id VARCHAR, anonymous_id VARCHAR,
        first_seen TIMESTAMP, last_seen TIMESTAMP, event_count BIGINT)
      """;

  @TempDir Path dir;
  private Path db;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void file() {
    db = dir.resolve("waymark.duckdb");
  }

  private BulkLoader.Outcome load() throws SQLException {
    return BulkLoader.load(
        db,
        new DatasetSql.Plan(USERS, EVENTS, NOW),
        5_000,
        new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @Test
  void loadsEveryEventInChunksAndOneRowPerUser() throws Exception {
    schema("");

    BulkLoader.Outcome outcome = load();

    assertThat(outcome.events()).isEqualTo(EVENTS);
    assertThat(outcome.users()).isEqualTo(USERS);
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("events 5,000 / 12,345", "12,345 / 12,345");
    assertThat(query("SELECT count(*) FROM events")).isEqualTo(EVENTS);
    assertThat(query("SELECT count(DISTINCT event_id) FROM events")).isEqualTo(EVENTS);
    assertThat(query("SELECT count(*) FROM users")).isEqualTo(USERS);
    assertThat(query("SELECT sum(event_count) FROM users")).isEqualTo(EVENTS);
    assertThat(query("SELECT min(event_count) FROM users")).isGreaterThanOrEqualTo(1);
    assertThat(query("SELECT count(*) FROM users u JOIN events e USING (user_key)"))
        .isEqualTo(EVENTS);
    assertThat(query("SELECT count(*) FROM users WHERE user_key = 'u0000001'")).isEqualTo(1);
    assertThat(query("SELECT count(*) FROM users WHERE user_key = 'u0000200'")).isEqualTo(1);
  }

  @Test
  void keepsEveryEventWithinTheLastThirtyDays() throws Exception {
    schema("");

    load();

    assertThat(
            query(
                "SELECT count(*) FROM events WHERE ts < TIMESTAMP '2026-10-23 10:00:00'"
                    + " OR ts >= TIMESTAMP '2026-11-22 10:00:00' OR received_at <> ts"))
        .isZero();
  }

  @Test
  void separatesSessionsByMoreThanThirtyMinutesAndKeepsEventsWithinASessionCloser()
      throws Exception {
    schema("");

    load();

    String gaps =
        "SELECT user_key, session_id, lag(session_id) OVER w AS previous_session,"
            + " epoch(ts - lag(ts) OVER w) AS gap_s FROM events"
            + " WINDOW w AS (PARTITION BY user_key ORDER BY ts)";
    assertThat(query("SELECT count(*) FROM (" + gaps + ") WHERE gap_s IS NOT NULL")).isPositive();
    assertThat(
            query(
                "SELECT count(*) FROM ("
                    + gaps
                    + ") WHERE session_id <> previous_session AND gap_s <= 1800"))
        .as("session changes after a gap of 30 minutes or less")
        .isZero();
    assertThat(
            query(
                "SELECT count(*) FROM ("
                    + gaps
                    + ") WHERE session_id = previous_session AND gap_s >= 1800"))
        .as("gaps of 30 minutes or more within a session")
        .isZero();
    assertThat(
            query(
                "SELECT count(DISTINCT user_key) FROM ("
                    + gaps
                    + ") WHERE session_id <> previous_session"))
        .as("users with more than one session")
        .isGreaterThan(USERS / 2);
  }

  @Test
  void mixesEventTypesWithTheFieldsEachTypeNeeds() throws Exception {
    schema("");

    load();

    assertThat(query("SELECT count(DISTINCT type) FROM events")).isGreaterThanOrEqualTo(6);
    assertThat(query("SELECT count(*) FROM events WHERE type = 'page_view'"))
        .isGreaterThan(EVENTS / 2);
    assertThat(
            query(
                "SELECT count(*) FROM events WHERE type = 'purchase'"
                    + " AND (amount IS NULL OR order_id IS NULL OR currency <> 'EUR')"))
        .isZero();
    assertThat(query("SELECT count(*) FROM events WHERE type = 'purchase'")).isPositive();
    assertThat(query("SELECT count(*) FROM events WHERE type = 'search' AND search_query IS NULL"))
        .isZero();
    assertThat(query("SELECT count(DISTINCT page_url) FROM events")).isBetween(100L, 300L);
    assertThat(query("SELECT count(*) FROM events WHERE user_id IS NULL AND anonymous_id IS NULL"))
        .isZero();
    assertThat(query("SELECT count(*) FROM events WHERE source <> 'bench' OR schema_version <> 1"))
        .isZero();
  }

  @Test
  void leavesAnExtraNullableColumnNull() throws Exception {
    schema(", import_batch VARCHAR");

    load();

    assertThat(query("SELECT count(*) FROM events WHERE import_batch IS NULL")).isEqualTo(EVENTS);
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("left to their default: [import_batch]");
  }

  @Test
  void stopsWithAClearMessageOnAnUnknownRequiredColumn() throws Exception {
    schema(", tenant VARCHAR NOT NULL");

    assertThatThrownBy(this::load)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("NOT NULL column 'tenant'");
  }

  @Test
  void explainsAMissingSchema() {
    assertThatThrownBy(this::load)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no table 'events'")
        .hasMessageContaining("server should create its schema");
  }

  private void schema(String extraEventColumns) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement s = c.createStatement()) {
      s.execute(EVENTS_TABLE.formatted(extraEventColumns));
      s.execute(USERS_TABLE);
      s.execute("CREATE INDEX events_user_ts ON events (user_key, ts)");
    }
  }

  private long query(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
