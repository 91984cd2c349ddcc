package io.waymark.store;

import io.waymark.events.Event;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Keeps the insight rollups (15-minute counts per type, page, product, search and user) in step
 * with {@code events}. Only events the batch actually inserted are counted, in the same transaction
 * as the events and the log offsets, so a replayed batch or a repeated event id never counts twice.
 */
final class DuckDbRollups {

  /** The rollup bucket: 15 minutes, the finest step of any time zone's offset. */
  static final long BUCKET_MILLIS = 15 * 60 * 1000L;

  private static final String[] TABLES = {
    "insight_event_counts", "insight_pages", "insight_products", "insight_searches", "insight_users"
  };

  private static final String BUCKET = "CAST(floor(epoch_ms(ts) / 900000) AS BIGINT) * 900000";

  /**
   * Fills the rollups from {@code events}: the migration step that brings a data directory written
   * before the rollups existed up to date (on a new store, {@code events} is empty).
   */
  static final List<String> BACKFILL =
      List.of(
          "INSERT INTO insight_event_counts SELECT "
              + BUCKET
              + " AS b, type, coalesce(currency, '') AS c, count(*), coalesce(sum(amount), 0)"
              + " FROM events GROUP BY b, type, c",
          "INSERT INTO insight_pages SELECT "
              + BUCKET
              + " AS b, coalesce(page_url, page_name) AS p, max(page_name), count(*) FROM events"
              + " WHERE type = 'page_view' AND coalesce(page_url, page_name) IS NOT NULL"
              + " GROUP BY b, p",
          "INSERT INTO insight_products SELECT "
              + BUCKET
              + " AS b, coalesce(product_id, '') AS p,"
              + " sum(CASE WHEN type = 'product_view' THEN 1 ELSE 0 END),"
              + " sum(CASE WHEN type = 'add_to_cart' THEN 1 ELSE 0 END) FROM events"
              + " WHERE type IN ('product_view', 'add_to_cart') GROUP BY b, p",
          "INSERT INTO insight_searches SELECT "
              + BUCKET
              + " AS b, lower(regexp_replace(trim(search_query), '\\s+', ' ', 'g')) AS q,"
              + " count(*) FROM events WHERE type = 'search' AND trim(search_query) <> ''"
              + " GROUP BY b, q",
          "INSERT INTO insight_users SELECT "
              + BUCKET
              + " AS b, user_key, count(*),"
              + " sum(CASE WHEN type = 'product_view' THEN 1 ELSE 0 END),"
              + " sum(CASE WHEN type = 'add_to_cart' THEN 1 ELSE 0 END),"
              + " sum(CASE WHEN type = 'checkout' THEN 1 ELSE 0 END),"
              + " sum(CASE WHEN type = 'purchase' THEN 1 ELSE 0 END) FROM events"
              + " GROUP BY b, user_key");

  /**
   * Statements that withdraw the counts of the events matching {@code where} (an erasure's
   * predicate over {@code events}) from the rollups that hold no person, and drop the rows left at
   * zero: a page or a search only one erased person made must not stay behind. Run before the
   * events themselves are deleted, in the same transaction. ({@code insight_users} is erased by its
   * own holder.)
   */
  static List<String> withdraw(String where) {
    return List.of(
        "CREATE OR REPLACE TEMP TABLE erase_counts AS SELECT "
            + BUCKET
            + " AS b, type AS t, coalesce(currency, '') AS c, count(*) AS n,"
            + " coalesce(sum(amount), 0) AS a FROM events WHERE ("
            + where
            + ") GROUP BY b, t, c",
        "UPDATE insight_event_counts SET events = events - e.n, amount = amount - e.a FROM"
            + " erase_counts e WHERE bucket = e.b AND type = e.t AND currency = e.c",
        "DELETE FROM insight_event_counts WHERE events <= 0",
        "CREATE OR REPLACE TEMP TABLE erase_pages AS SELECT "
            + BUCKET
            + " AS b, coalesce(page_url, page_name) AS p, count(*) AS n FROM events"
            + " WHERE type = 'page_view' AND coalesce(page_url, page_name) IS NOT NULL AND ("
            + where
            + ") GROUP BY b, p",
        "UPDATE insight_pages SET views = views - e.n FROM erase_pages e"
            + " WHERE bucket = e.b AND page = e.p",
        "DELETE FROM insight_pages WHERE views <= 0",
        "CREATE OR REPLACE TEMP TABLE erase_products AS SELECT "
            + BUCKET
            + " AS b, coalesce(product_id, '') AS p,"
            + " sum(CASE WHEN type = 'product_view' THEN 1 ELSE 0 END) AS v,"
            + " sum(CASE WHEN type = 'add_to_cart' THEN 1 ELSE 0 END) AS a FROM events"
            + " WHERE type IN ('product_view', 'add_to_cart') AND ("
            + where
            + ") GROUP BY b, p",
        "UPDATE insight_products SET views = views - e.v, cart_adds = cart_adds - e.a FROM"
            + " erase_products e WHERE bucket = e.b AND product_id = e.p",
        "DELETE FROM insight_products WHERE views <= 0 AND cart_adds <= 0",
        "CREATE OR REPLACE TEMP TABLE erase_searches AS SELECT "
            + BUCKET
            + " AS b, lower(regexp_replace(trim(search_query), '\\s+', ' ', 'g')) AS q,"
            + " count(*) AS n FROM events WHERE type = 'search' AND trim(search_query) <> ''"
            + " AND ("
            + where
            + ") GROUP BY b, q",
        "UPDATE insight_searches SET searches = searches - e.n FROM erase_searches e"
            + " WHERE bucket = e.b AND query = e.q",
        "DELETE FROM insight_searches WHERE searches <= 0");
  }

  /** Empties the rollups and fills them again from {@code events}, for one transaction. */
  static List<String> rebuild() {
    List<String> out = new java.util.ArrayList<>();
    for (String t : TABLES) {
      out.add("DELETE FROM " + t);
    }
    out.addAll(BACKFILL);
    return out;
  }

  private final DuckDBConnection conn;

  DuckDbRollups(DuckDBConnection conn) {
    this.conn = conn;
  }

  static long bucket(long epochMillis) {
    return Math.floorDiv(epochMillis, BUCKET_MILLIS) * BUCKET_MILLIS;
  }

  /** Lower case, trimmed, inner white space collapsed: "Red Boots " and "red boots" are one. */
  static String normalizeQuery(String q) {
    return q.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  static void createStaging(Statement s) throws SQLException {
    for (String t : TABLES) {
      s.execute(
          "CREATE TEMP TABLE IF NOT EXISTS staging_" + t + " AS SELECT * FROM " + t + " LIMIT 0");
    }
  }

  void clearStaging(Statement s) throws SQLException {
    for (String t : TABLES) {
      s.execute("DELETE FROM staging_" + t);
    }
  }

  private record TypeKey(long bucket, String type, String currency) {}

  private record Key(long bucket, String name) {}

  /** Adds the events whose ids are in {@code inserted} to the rollups. */
  void add(List<Event> events, Set<UUID> inserted) throws SQLException {
    Map<TypeKey, double[]> types = new HashMap<>(); // events, amount
    Map<Key, long[]> pages = new HashMap<>();
    Map<Key, String> pageNames = new HashMap<>();
    Map<Key, long[]> products = new HashMap<>(); // views, cart adds
    Map<Key, long[]> searches = new HashMap<>();
    Map<Key, long[]> users = new HashMap<>(); // events, product views, cart, checkout, purchase
    for (Event e : events) {
      if (!inserted.contains(e.eventId())) {
        continue;
      }
      long b = bucket(e.timestamp());
      String currency = e.currency() == null ? "" : e.currency();
      double[] t = types.computeIfAbsent(new TypeKey(b, e.type(), currency), k -> new double[2]);
      t[0]++;
      t[1] += e.amount() == null ? 0 : e.amount();
      long[] u = users.computeIfAbsent(new Key(b, e.userKey()), k -> new long[5]);
      u[0]++;
      switch (e.type()) {
        case "page_view" -> {
          String page = e.pageUrl() != null ? e.pageUrl() : e.pageName();
          if (page != null) {
            Key k = new Key(b, page);
            pages.computeIfAbsent(k, x -> new long[1])[0]++;
            if (e.pageName() != null) {
              pageNames.put(k, e.pageName());
            }
          }
        }
        case "product_view" -> {
          u[1]++;
          product(products, b, e)[0]++;
        }
        case "add_to_cart" -> {
          u[2]++;
          product(products, b, e)[1]++;
        }
        case "checkout" -> u[3]++;
        case "purchase" -> u[4]++;
        case "search" -> {
          if (e.searchQuery() != null && !e.searchQuery().isBlank()) {
            searches
                .computeIfAbsent(new Key(b, normalizeQuery(e.searchQuery())), k -> new long[1])[
                0]++;
          }
        }
        default -> {}
      }
    }
    if (users.isEmpty()) {
      return;
    }
    appendTypes(types);
    appendPages(pages, pageNames);
    append("insight_products", products);
    append("insight_searches", searches);
    append("insight_users", users);
    try (Statement s = conn.createStatement()) {
      merge(s, "insight_event_counts", "bucket, type, currency", "events", "amount");
      s.execute(
          "INSERT INTO insight_pages SELECT * FROM staging_insight_pages ON CONFLICT (bucket, page)"
              + " DO UPDATE SET views = insight_pages.views + excluded.views,"
              + " page_name = coalesce(excluded.page_name, insight_pages.page_name)");
      merge(s, "insight_products", "bucket, product_id", "views", "cart_adds");
      merge(s, "insight_searches", "bucket, query", "searches");
      merge(
          s,
          "insight_users",
          "bucket, user_key",
          "events",
          "product_views",
          "cart_adds",
          "checkouts",
          "purchases");
    }
  }

  private static long[] product(Map<Key, long[]> products, long bucket, Event e) {
    String id = e.productId() == null ? "" : e.productId();
    return products.computeIfAbsent(new Key(bucket, id), k -> new long[2]);
  }

  private static void merge(Statement s, String table, String key, String... sums)
      throws SQLException {
    StringBuilder set = new StringBuilder();
    for (String c : sums) {
      set.append(set.isEmpty() ? "" : ", ")
          .append(c)
          .append(" = ")
          .append(table)
          .append('.')
          .append(c)
          .append(" + excluded.")
          .append(c);
    }
    s.execute(
        "INSERT INTO "
            + table
            + " SELECT * FROM staging_"
            + table
            + " ON CONFLICT ("
            + key
            + ") DO UPDATE SET "
            + set);
  }

  private void appendTypes(Map<TypeKey, double[]> types) throws SQLException {
    try (DuckDBAppender a = conn.createAppender("temp", "main", "staging_insight_event_counts")) {
      for (Map.Entry<TypeKey, double[]> t : types.entrySet()) {
        a.beginRow();
        a.append(t.getKey().bucket());
        a.append(t.getKey().type());
        a.append(t.getKey().currency());
        a.append((long) t.getValue()[0]);
        a.append(t.getValue()[1]);
        a.endRow();
      }
    }
  }

  private void appendPages(Map<Key, long[]> pages, Map<Key, String> names) throws SQLException {
    try (DuckDBAppender a = conn.createAppender("temp", "main", "staging_insight_pages")) {
      for (Map.Entry<Key, long[]> p : pages.entrySet()) {
        a.beginRow();
        a.append(p.getKey().bucket());
        a.append(p.getKey().name());
        String name = names.get(p.getKey());
        if (name == null) {
          a.appendNull();
        } else {
          a.append(name);
        }
        a.append(p.getValue()[0]);
        a.endRow();
      }
    }
  }

  private void append(String table, Map<Key, long[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (DuckDBAppender a = conn.createAppender("temp", "main", "staging_" + table)) {
      for (Map.Entry<Key, long[]> r : rows.entrySet()) {
        a.beginRow();
        a.append(r.getKey().bucket());
        a.append(r.getKey().name());
        for (long v : r.getValue()) {
          a.append(v);
        }
        a.endRow();
      }
    }
  }
}
