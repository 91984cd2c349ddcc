package io.waymark.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The DuckDB schema, applied in numbered steps recorded in {@code store_migrations}, so a data
 * directory written by an older Waymark is brought forward on start. See docs/data-model.md.
 */
final class DuckDbSchema {

  static final String EVENT_COLUMNS =
      "event_id, user_key, user_id, anonymous_id, session_id, type, ts, client_ts, sent_at,"
          + " received_at, page_url, page_name, referrer, product_id, order_id, amount, currency,"
          + " search_query, properties, ctx_ip, ctx_user_agent, ctx_locale, ctx_country, source,"
          + " schema_version";

  private static final String EVENTS_BODY =
      """
      (
        event_id       UUID NOT NULL,
        user_key       VARCHAR NOT NULL,
        user_id        VARCHAR,
        anonymous_id   VARCHAR,
        session_id     VARCHAR,
        type           VARCHAR NOT NULL,
        ts             TIMESTAMP NOT NULL,
        client_ts      TIMESTAMP,
        sent_at        TIMESTAMP,
        received_at    TIMESTAMP NOT NULL,
        page_url       VARCHAR,
        page_name      VARCHAR,
        referrer       VARCHAR,
        product_id     VARCHAR,
        order_id       VARCHAR,
        amount         DOUBLE,
        currency       VARCHAR,
        search_query   VARCHAR,
        properties     VARCHAR,
        ctx_ip         VARCHAR,
        ctx_user_agent VARCHAR,
        ctx_locale     VARCHAR,
        ctx_country    VARCHAR,
        source         VARCHAR NOT NULL,
        schema_version SMALLINT NOT NULL
      """;

  private static List<String> steps() {
    List<String> steps = new java.util.ArrayList<>(BASE_STEPS);
    steps.addAll(DuckDbRollups.BACKFILL);
    return List.copyOf(steps);
  }

  private static final List<String> BASE_STEPS =
      List.of(
          "CREATE TABLE events " + EVENTS_BODY + ", PRIMARY KEY (event_id))",
          "CREATE INDEX events_user_key ON events (user_key)",
          """
          CREATE TABLE users (
            user_key     VARCHAR PRIMARY KEY,
            user_id      VARCHAR,
            anonymous_id VARCHAR,
            first_seen   TIMESTAMP NOT NULL,
            last_seen    TIMESTAMP NOT NULL,
            event_count  BIGINT NOT NULL
          )""",
          """
          CREATE TABLE quarantine (
            id                UUID PRIMARY KEY,
            received_at       TIMESTAMP NOT NULL,
            source            VARCHAR NOT NULL,
            key_id            VARCHAR,
            remote_address    VARCHAR,
            status            SMALLINT NOT NULL,
            reason            VARCHAR NOT NULL,
            errors            VARCHAR NOT NULL,
            item_index        INTEGER,
            user_key          VARCHAR,
            payload           VARCHAR NOT NULL,
            payload_truncated BOOLEAN NOT NULL
          )""",
          """
          CREATE TABLE sink_offsets (
            topic       VARCHAR NOT NULL,
            part        INTEGER NOT NULL,
            next_offset BIGINT NOT NULL,
            PRIMARY KEY (topic, part)
          )""",
          """
          CREATE TABLE sessions (
            session_id    UUID PRIMARY KEY,
            user_key      VARCHAR NOT NULL,
            start_ts      TIMESTAMP NOT NULL,
            end_ts        TIMESTAMP NOT NULL,
            event_count   INTEGER NOT NULL,
            page_views    INTEGER NOT NULL,
            product_views INTEGER NOT NULL,
            cart_adds     INTEGER NOT NULL,
            checkouts     INTEGER NOT NULL,
            purchases     INTEGER NOT NULL,
            revenue       DOUBLE NOT NULL,
            currency      VARCHAR,
            entry_page    VARCHAR,
            exit_page     VARCHAR
          )""",
          "CREATE INDEX sessions_user_key ON sessions (user_key)",
          """
          CREATE TABLE identity_links (
            anonymous_id VARCHAR PRIMARY KEY,
            user_id      VARCHAR NOT NULL,
            linked_at    TIMESTAMP NOT NULL
          )""",
          "CREATE INDEX identity_links_user ON identity_links (user_id)",
          """
          CREATE TABLE transactions (
            transaction_id VARCHAR PRIMARY KEY,
            order_id       VARCHAR,
            user_id        VARCHAR NOT NULL,
            ts             TIMESTAMP NOT NULL,
            status         VARCHAR NOT NULL,
            amount         DECIMAL(18, 2) NOT NULL,
            currency       VARCHAR NOT NULL,
            payment_method VARCHAR,
            items          VARCHAR,
            import_id      VARCHAR NOT NULL,
            imported_at    TIMESTAMP NOT NULL
          )""",
          "CREATE INDEX transactions_user ON transactions (user_id)",
          """
          CREATE TABLE support_tickets (
            ticket_id    VARCHAR PRIMARY KEY,
            user_id      VARCHAR NOT NULL,
            created_at   TIMESTAMP NOT NULL,
            closed_at    TIMESTAMP,
            status       VARCHAR NOT NULL,
            channel      VARCHAR,
            subject      VARCHAR,
            satisfaction SMALLINT,
            import_id    VARCHAR NOT NULL,
            imported_at  TIMESTAMP NOT NULL
          )""",
          "CREATE INDEX support_tickets_user ON support_tickets (user_id)",
          """
          CREATE TABLE catalogue_items (
            product_id  VARCHAR PRIMARY KEY,
            name        VARCHAR NOT NULL,
            category    VARCHAR NOT NULL,
            brand       VARCHAR,
            price       DECIMAL(18, 2),
            currency    VARCHAR,
            description VARCHAR,
            updated_at  TIMESTAMP NOT NULL,
            import_id   VARCHAR NOT NULL,
            imported_at TIMESTAMP NOT NULL
          )""",
          // The customer profile as SCD type 2 (DuckDbCustomers). No unique key: DuckDB turns an
          // UPDATE of a row under a unique index into delete + insert, which can trip the
          // constraint inside one transaction; the single writer keeps (customer_id, version)
          // unique and exactly one row current.
          """
          CREATE TABLE customer_profile_versions (
            customer_id          VARCHAR NOT NULL,
            version              INTEGER NOT NULL,
            valid_from           TIMESTAMP NOT NULL,
            valid_to             TIMESTAMP,
            is_current           BOOLEAN NOT NULL,
            first_seen           TIMESTAMP,
            last_seen            TIMESTAMP,
            events_30d           BIGINT NOT NULL,
            events_total         BIGINT NOT NULL,
            sessions_30d         BIGINT NOT NULL,
            sessions_total       BIGINT NOT NULL,
            orders               INTEGER NOT NULL,
            failed_payments      INTEGER NOT NULL,
            refunds              INTEGER NOT NULL,
            refunded_amount      DECIMAL(18, 2) NOT NULL,
            lifetime_revenue     DECIMAL(18, 2) NOT NULL,
            average_order_value  DECIMAL(18, 2),
            last_purchase        TIMESTAMP,
            currency             VARCHAR NOT NULL,
            tickets_total        INTEGER NOT NULL,
            tickets_open         INTEGER NOT NULL,
            tickets_closed       INTEGER NOT NULL,
            average_satisfaction DECIMAL(4, 2),
            favourite_categories VARCHAR NOT NULL,
            linked_anonymous_ids VARCHAR NOT NULL,
            segments             VARCHAR NOT NULL,
            attributes_hash      VARCHAR NOT NULL,
            checked_at           TIMESTAMP NOT NULL
          )""",
          "CREATE INDEX customer_profile_versions_customer ON customer_profile_versions (customer_id)",
          """
          CREATE TABLE customer_refresh_watermarks (
            name      VARCHAR PRIMARY KEY,
            watermark TIMESTAMP NOT NULL
          )""",
          // Insight rollups (DuckDbRollups): 15-minute buckets as epoch milliseconds, so any
          // time zone's days are whole buckets and ClickHouse can hold the same columns as Int64.
          """
          CREATE TABLE insight_event_counts (
            bucket   BIGINT NOT NULL,
            type     VARCHAR NOT NULL,
            currency VARCHAR NOT NULL,
            events   BIGINT NOT NULL,
            amount   DOUBLE NOT NULL,
            PRIMARY KEY (bucket, type, currency)
          )""",
          """
          CREATE TABLE insight_pages (
            bucket    BIGINT NOT NULL,
            page      VARCHAR NOT NULL,
            page_name VARCHAR,
            views     BIGINT NOT NULL,
            PRIMARY KEY (bucket, page)
          )""",
          """
          CREATE TABLE insight_products (
            bucket     BIGINT NOT NULL,
            product_id VARCHAR NOT NULL,
            views      BIGINT NOT NULL,
            cart_adds  BIGINT NOT NULL,
            PRIMARY KEY (bucket, product_id)
          )""",
          """
          CREATE TABLE insight_searches (
            bucket   BIGINT NOT NULL,
            query    VARCHAR NOT NULL,
            searches BIGINT NOT NULL,
            PRIMARY KEY (bucket, query)
          )""",
          """
          CREATE TABLE insight_users (
            bucket        BIGINT NOT NULL,
            user_key      VARCHAR NOT NULL,
            events        BIGINT NOT NULL,
            product_views BIGINT NOT NULL,
            cart_adds     BIGINT NOT NULL,
            checkouts     BIGINT NOT NULL,
            purchases     BIGINT NOT NULL,
            PRIMARY KEY (bucket, user_key)
          )""");

  private static final List<String> STEPS = steps();

  /** Steps applied after the rollup tables exist: filling them from the events already stored. */
  static int backfillSteps() {
    return DuckDbRollups.BACKFILL.size();
  }

  private DuckDbSchema() {}

  static void migrate(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS store_migrations (step INTEGER PRIMARY KEY, applied_at TIMESTAMP)");
      int done;
      try (var rs = s.executeQuery("SELECT coalesce(max(step), 0) FROM store_migrations")) {
        rs.next();
        done = rs.getInt(1);
      }
      for (int step = done + 1; step <= STEPS.size(); step++) {
        s.execute(STEPS.get(step - 1));
        s.execute("INSERT INTO store_migrations VALUES (" + step + ", now())");
      }
    }
  }

  /** The per-connection staging table the sink appends into before the idempotent insert. */
  static void createStaging(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TEMP TABLE IF NOT EXISTS staging_events " + EVENTS_BODY + ")");
      s.execute(
          "CREATE TEMP TABLE IF NOT EXISTS staging_users (user_key VARCHAR, user_id VARCHAR,"
              + " anonymous_id VARCHAR, first_seen TIMESTAMP, last_seen TIMESTAMP, event_count BIGINT)");
      s.execute(
          "CREATE TEMP TABLE IF NOT EXISTS staging_links (anonymous_id VARCHAR, user_id VARCHAR,"
              + " linked_at TIMESTAMP)");
      DuckDbRollups.createStaging(s);
    }
  }
}
