package io.waymark.store.clickhouse;

import io.waymark.store.StoreException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ClickHouse schema, created and brought forward by Waymark: an ordered list of steps, each
 * recorded in {@code schema_versions} once applied. Every step is idempotent ({@code IF NOT
 * EXISTS}), so two instances starting together, or a crash between a step and its record, are
 * harmless. Every table of site data has its key start with {@code site_id} (docs/clickhouse.md).
 */
final class ClickHouseSchema {

  private static final Logger log = LoggerFactory.getLogger(ClickHouseSchema.class);

  /** One step: its version, what it does, and the statement ({@code {db}}: the database). */
  record Step(int version, String description, String sql) {}

  /** Small granules: a journey or a user lookup reads 1,024 rows per part, not 8,192. */
  private static final String SMALL_GRANULES = " SETTINGS index_granularity = 1024";

  static final List<Step> STEPS =
      List.of(
          new Step(
              1,
              "events, deduplicated by event id",
              "CREATE TABLE IF NOT EXISTS {db}.events ("
                  + "site_id UInt32, user_key String, ts Int64, event_id UUID, day Date,"
                  + " user_id Nullable(String), anonymous_id Nullable(String),"
                  + " session_id Nullable(String), type String,"
                  + " client_ts Nullable(Int64), sent_at Nullable(Int64), received_at Int64,"
                  + " page_url Nullable(String), page_name Nullable(String),"
                  + " referrer Nullable(String), product_id Nullable(String),"
                  + " order_id Nullable(String), amount Nullable(Float64),"
                  + " currency Nullable(String), search_query Nullable(String),"
                  + " properties Nullable(String), ctx_ip Nullable(String),"
                  + " ctx_user_agent Nullable(String), ctx_locale Nullable(String),"
                  + " ctx_country Nullable(String), source String, schema_version UInt16"
                  + ") ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(day)"
                  + " ORDER BY (site_id, user_key, ts, event_id)"
                  + SMALL_GRANULES),
          new Step(
              2,
              "users: first and last event time per user (min and max, so replays are harmless)",
              "CREATE TABLE IF NOT EXISTS {db}.users ("
                  + "site_id UInt32, user_key String,"
                  + " first_seen AggregateFunction(min, Int64),"
                  + " last_seen AggregateFunction(max, Int64)"
                  + ") ENGINE = AggregatingMergeTree ORDER BY (site_id, user_key)"
                  + SMALL_GRANULES),
          new Step(
              3,
              "users filled from each insert into events",
              "CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.users_mv TO {db}.users AS SELECT"
                  + " site_id, user_key, minState(ts) AS first_seen, maxState(ts) AS last_seen"
                  + " FROM {db}.events GROUP BY site_id, user_key"),
          new Step(
              4,
              "closed sessions, the last write of a session id wins; deleted = merged away",
              "CREATE TABLE IF NOT EXISTS {db}.sessions ("
                  + "site_id UInt32, user_key String, session_id UUID,"
                  + " start_ts Int64, end_ts Int64, event_count Int32, page_views Int32,"
                  + " product_views Int32, cart_adds Int32, checkouts Int32, purchases Int32,"
                  + " revenue Float64, currency Nullable(String), entry_page Nullable(String),"
                  + " exit_page Nullable(String), deleted UInt8"
                  + ") ENGINE = ReplacingMergeTree ORDER BY (site_id, user_key, session_id)"
                  + SMALL_GRANULES),
          new Step(
              5,
              "quarantined items, deduplicated by id",
              "CREATE TABLE IF NOT EXISTS {db}.quarantine ("
                  + "site_id UInt32, received_at Int64, id UUID, day Date, source String,"
                  + " key_id Nullable(String), remote_address Nullable(String), status Int32,"
                  + " reason String, errors String, item_index Nullable(Int32),"
                  + " user_key Nullable(String), payload String, payload_truncated UInt8"
                  + ") ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(day)"
                  + " ORDER BY (site_id, received_at, id)"),
          new Step(
              6,
              "identity links: an anonymous id belongs to the first user it was seen with",
              "CREATE TABLE IF NOT EXISTS {db}.identity_links ("
                  + "site_id UInt32, anonymous_id String, user_id String, linked_at Int64,"
                  + " first_rank UInt64"
                  + ") ENGINE = ReplacingMergeTree(first_rank) ORDER BY (site_id, anonymous_id)"),
          new Step(
              7,
              "identity links by user id, to find a user's anonymous ids by key",
              "CREATE TABLE IF NOT EXISTS {db}.links_by_user ("
                  + "site_id UInt32, user_id String, anonymous_id String, linked_at Int64"
                  + ") ENGINE = ReplacingMergeTree ORDER BY (site_id, user_id, anonymous_id)"),
          new Step(
              8,
              "links_by_user filled from each insert into identity_links",
              "CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.links_by_user_mv TO {db}.links_by_user"
                  + " AS SELECT site_id, user_id, anonymous_id, linked_at FROM {db}.identity_links"),
          new Step(
              9,
              "the sink's next log offsets, written after the data they cover",
              "CREATE TABLE IF NOT EXISTS {db}.sink_offsets ("
                  + "topic String, part Int32, next_offset Int64"
                  + ") ENGINE = ReplacingMergeTree ORDER BY (topic, part)"),
          new Step(
              10,
              "imported transactions, the latest written version of an id wins",
              "CREATE TABLE IF NOT EXISTS {db}.transactions ("
                  + "site_id UInt32, transaction_id String, order_id Nullable(String),"
                  + " user_id String, ts Int64, status String, amount Decimal(18, 2),"
                  + " currency String, payment_method Nullable(String), items Nullable(String),"
                  + " import_id String, imported_at Int64"
                  + ") ENGINE = ReplacingMergeTree ORDER BY (site_id, transaction_id)"
                  + SMALL_GRANULES),
          new Step(
              11,
              "imported support tickets, the latest written version of an id wins",
              "CREATE TABLE IF NOT EXISTS {db}.support_tickets ("
                  + "site_id UInt32, ticket_id String, user_id String, created_at Int64,"
                  + " closed_at Nullable(Int64), status String, channel Nullable(String),"
                  + " subject Nullable(String), satisfaction Nullable(Int16), import_id String,"
                  + " imported_at Int64"
                  + ") ENGINE = ReplacingMergeTree ORDER BY (site_id, ticket_id)"
                  + SMALL_GRANULES),
          new Step(
              12,
              "imported catalogue items, the latest written version of an id wins",
              "CREATE TABLE IF NOT EXISTS {db}.catalogue_items ("
                  + "site_id UInt32, product_id String, name String, category String,"
                  + " brand Nullable(String), price Nullable(Decimal(18, 2)),"
                  + " currency Nullable(String), description Nullable(String), updated_at Int64,"
                  + " import_id String, imported_at Int64"
                  + ") ENGINE = ReplacingMergeTree ORDER BY (site_id, product_id)"
                  + SMALL_GRANULES));

  /** The tables of site data (their keys start with the site); the purge watches their parts. */
  static final List<String> DATA_TABLES =
      List.of(
          "events",
          "users",
          "sessions",
          "quarantine",
          "identity_links",
          "links_by_user",
          "transactions",
          "support_tickets",
          "catalogue_items");

  private ClickHouseSchema() {}

  /** The newest version this code knows. */
  static int latest() {
    return STEPS.get(STEPS.size() - 1).version();
  }

  /**
   * Creates the database when missing and applies the steps it has not recorded; returns how many
   * were applied (0 when the schema was current).
   */
  static int migrate(ClickHouseHttp http, Clock clock) {
    String db = http.settings().database();
    try {
      // Asked first: an account without the right to create databases may still use this one.
      boolean exists =
          !"0"
              .equals(
                  http.executeWithoutDatabase(
                          "SELECT count() FROM system.databases WHERE name = " + Sql.str(db))
                      .strip());
      if (!exists) {
        http.executeWithoutDatabase("CREATE DATABASE IF NOT EXISTS " + db);
      }
    } catch (ClickHouseException e) {
      throw new StoreException(
          "cannot create the ClickHouse database '"
              + db
              + "' ("
              + e.getMessage()
              + "). Create it yourself (CREATE DATABASE "
              + db
              + ") or give user '"
              + http.settings().user()
              + "' the right to",
          e);
    }
    http.execute(
        "CREATE TABLE IF NOT EXISTS "
            + db
            + ".schema_versions (version UInt32, description String, applied_at Int64)"
            + " ENGINE = ReplacingMergeTree ORDER BY version");
    int current = currentVersion(http);
    if (current > latest()) {
      throw new StoreException(
          "the ClickHouse database '"
              + db
              + "' has schema version "
              + current
              + ", newer than this Waymark knows ("
              + latest()
              + "): a newer Waymark wrote it. Run that version, or point"
              + " waymark.clickhouse.database at another database");
    }
    int applied = 0;
    for (Step step : STEPS) {
      if (step.version() <= current) {
        continue;
      }
      http.execute(step.sql().replace("{db}", db));
      http.insert(
          "schema_versions",
          "version, description, applied_at",
          new Tsv.Writer(1).num(step.version()).str(step.description()).num(clock.millis()).end());
      applied++;
      log.info(
          "ClickHouse schema of '{}': applied step {} ({})",
          db,
          step.version(),
          step.description());
    }
    return applied;
  }

  static int currentVersion(ClickHouseHttp http) {
    List<String[]> rows = http.rows("SELECT max(version) FROM schema_versions");
    return rows.isEmpty() ? 0 : Integer.parseInt(rows.get(0)[0]);
  }
}
