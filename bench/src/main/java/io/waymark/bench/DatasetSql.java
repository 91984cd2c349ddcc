package io.waymark.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL that generates the journey benchmark's history inside DuckDB, one chunk of event numbers
 * at a time, with no per-row work in Java.
 *
 * <p>Event {@code i} belongs to user {@code i % users} and is that user's event number {@code k = i
 * / users}, so every user gets {@code events / users} events (one more for the first {@code events
 * % users}) and a chunk of event numbers is a slice of every user's history, oldest first. A user's
 * events form sessions of 2-15 events (more when a user has very many events, so that a user never
 * has more than {@value #MAX_SESSIONS} sessions). The 30 days are cut into one slot per session; a
 * session starts at a random point in the first quarter of its slot and lasts at most half a slot,
 * so consecutive sessions are more than a quarter slot (at least 36 minutes) apart, while events
 * within a session are 1-3 minutes apart. Timestamps are UTC and end before {@code now}.
 */
final class DatasetSql {

  static final Duration HISTORY = Duration.ofDays(30);
  static final int MAX_SESSIONS = 300;
  static final String SOURCE = "bench";
  static final String[] TYPES = {
    "page_view", "product_view", "search", "add_to_cart", "remove_from_cart", "checkout", "purchase"
  };

  private static final int PAGES = 300;
  private static final long STEP_MICROS = Duration.ofMinutes(2).toNanos() / 1000;
  private static final String CATEGORIES =
      list("women", "men", "kids", "home", "sport", "beauty", "shoes", "sale", "blog", "brands");
  private static final String ITEMS =
      list(
          "new-in",
          "bestsellers",
          "jackets",
          "shirts",
          "trousers",
          "dresses",
          "sneakers",
          "boots",
          "bags",
          "watches",
          "lamps",
          "sofas",
          "rugs",
          "towels",
          "gifts",
          "outlet",
          "summer",
          "winter",
          "running",
          "yoga",
          "skincare",
          "fragrance",
          "makeup",
          "toys",
          "books",
          "guide-sizing",
          "guide-care",
          "story-b2b-experience",
          "story-sustainability",
          "faq");
  private static final String SEARCHES =
      list(
          "running shoes",
          "rain jacket",
          "linen shirt",
          "gift card",
          "yoga mat",
          "desk lamp",
          "black dress",
          "kids boots",
          "sofa cover",
          "perfume");
  private static final String REFERRERS =
      list(
          "https://www.google.com/",
          "https://www.bing.com/",
          "https://newsletter.example.com/",
          "https://www.instagram.com/");
  private static final String AGENTS =
      list(
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/138.0",
          "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) Safari/604.1",
          "Mozilla/5.0 (X11; Linux x86_64; rv:141.0) Firefox/141.0");
  private static final String LOCALES = list("de-DE", "en-GB", "fr-FR", "nl-NL");
  private static final String COUNTRIES = list("DE", "GB", "FR", "NL");

  /** How much history to generate, ending at {@code now}. */
  record Plan(long users, long events, Instant now) {

    Plan {
      if (users < 1 || events < users) {
        throw new IllegalArgumentException(
            "need users >= 1 and events >= users, got " + users + " and " + events);
      }
      now = now.truncatedTo(ChronoUnit.SECONDS);
    }

    long beginMicros() {
      return ChronoUnit.MICROS.between(Instant.EPOCH, now.minus(HISTORY));
    }
  }

  private DatasetSql() {}

  /** Digits of the zero-padded user number: at least 7, as in {@code u0000001}. */
  static int keyWidth(long users) {
    return Math.max(7, Long.toString(users).length());
  }

  /** The key of user {@code number} (1-based): {@code u0000001}. */
  static String userKey(long number, long users) {
    String digits = Long.toString(number);
    return "u" + "0".repeat(Math.max(0, keyWidth(users) - digits.length())) + digits;
  }

  /**
   * Temporary tables the chunks read: the numbers of one chunk (a table scan runs in parallel,
   * {@code range()} does not), one row per user with everything that depends only on the user, and
   * the pages.
   */
  static List<String> setup(Plan plan, long chunkRows) {
    long users = plan.users();
    long events = plan.events();
    String perUser =
        "SELECT u, %d + CASE WHEN u < %d THEN 1 ELSE 0 END AS n FROM range(0, %d) r(u)"
            .formatted(events / users, events % users, users);
    String sized =
        "SELECT u, n, greatest(2 + %s %% 14, (n + %d) // %d) AS len FROM (%s)"
            .formatted(hash("u", 1), MAX_SESSIONS - 1, MAX_SESSIONS, perUser);
    String slotted =
        ("SELECT u, len, %d // ((n + len - 1) // len) AS slot, %s %% 10 < 7 AS identified,"
                + " 'u' || lpad(CAST(u + 1 AS VARCHAR), %d, '0') AS uk FROM (%s)")
            .formatted(HISTORY.toNanos() / 1000, hash("u", 6), keyWidth(users), sized);
    String usersTable =
        ("CREATE OR REPLACE TEMP TABLE bench_users AS SELECT u, uk, len, slot,"
                + " least(%d, slot // 2 // len) AS step,"
                + " CASE WHEN identified THEN uk END AS user_id,"
                + " CASE WHEN identified THEN 'anon-' || (u + 1) ELSE uk END AS anonymous_id,"
                // a fifth of the users arrive directly, without a referrer
                + " CASE WHEN u %% 5 < 4 THEN list_element(%s, u %% 5 + 1) END AS landing_referrer,"
                + " '10.' || (u // 65536 %% 256) || '.' || (u // 256 %% 256) || '.' || (u %% 256)"
                + " AS ctx_ip, list_element(%s, u %% 3 + 1) AS ctx_user_agent,"
                + " list_element(%s, u %% 4 + 1) AS ctx_locale,"
                + " list_element(%s, u %% 4 + 1) AS ctx_country FROM (%s)")
            .formatted(STEP_MICROS, REFERRERS, AGENTS, LOCALES, COUNTRIES, slotted);
    String pagesTable =
        ("CREATE OR REPLACE TEMP TABLE bench_pages AS SELECT p AS page_no,"
                + " 'https://shop.example.com/' || list_element(%s, p %% 10 + 1) || '/'"
                + " || list_element(%s, p // 10 + 1) AS url,"
                + " list_element(%s, p %% 10 + 1) || ': ' || list_element(%s, p // 10 + 1) AS name"
                + " FROM range(0, %d) r(p)")
            .formatted(CATEGORIES, ITEMS, CATEGORIES, ITEMS, PAGES);
    String numbersTable =
        "CREATE OR REPLACE TEMP TABLE bench_numbers AS SELECT n FROM range(0, %d) r(n)"
            .formatted(Math.min(chunkRows, events));
    return List.of(usersTable, pagesTable, numbersTable);
  }

  /**
   * Rows for event numbers {@code [from, to)} with helper columns ({@code i}, {@code s}, {@code j},
   * {@code ts_us}, {@code kind}, the user's and the page's columns) that {@link #eventColumns}
   * reads; {@code to - from} must not exceed the chunk size given to {@link #setup}.
   */
  static String generatedRows(Plan plan, long from, long to) {
    long users = plan.users();
    String numbers =
        "SELECT n + %d AS i, (n + %d) %% %d AS eu, (n + %d) // %d AS k FROM bench_numbers WHERE n < %d"
            .formatted(from, from, users, from, users, to - from);
    String withUser =
        ("SELECT a.i, a.k // b.len AS s, a.k %% b.len AS j, %s %% 100 AS roll, b.*"
                + " FROM (%s) a JOIN bench_users b ON b.u = a.eu")
            .formatted(hash("a.i", 4), numbers);
    String timed =
        ("SELECT c.*, %d + s * slot + %s %% (slot // 4) + j * step"
                + " + %s %% greatest(1, step // 2) AS ts_us,"
                + " CASE WHEN j = 0 OR roll < 55 THEN 0 WHEN roll < 75 THEN 1 WHEN roll < 85 THEN 2"
                + " WHEN roll < 93 THEN 3 WHEN roll < 95 THEN 4 WHEN roll < 97 THEN 5 ELSE 6 END"
                + " AS kind, %s %% %d AS page_no FROM (%s) c")
            .formatted(
                plan.beginMicros(), hash("u, s", 2), hash("i", 3), hash("i", 5), PAGES, withUser);
    return "SELECT d.*, p.url, p.name FROM (%s) d JOIN bench_pages p ON p.page_no = d.page_no"
        .formatted(timed);
  }

  /** The expression for each known column of {@code events}, over {@link #generatedRows}. */
  static Map<String, String> eventColumns() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("event_id", "uuid()");
    c.put("user_key", "uk");
    c.put("user_id", "user_id");
    c.put("anonymous_id", "anonymous_id");
    c.put("session_id", "uk || '-s' || s");
    c.put("type", "list_element(" + list(TYPES) + ", kind + 1)");
    c.put("ts", "make_timestamp(ts_us)");
    c.put("client_ts", "make_timestamp(ts_us)");
    c.put("sent_at", "make_timestamp(ts_us)");
    c.put("received_at", "make_timestamp(ts_us)");
    c.put("page_url", "url");
    c.put("page_name", "name");
    c.put("referrer", "CASE WHEN j = 0 THEN landing_referrer END");
    c.put(
        "product_id", "CASE WHEN kind IN (1, 3, 4) THEN 'sku-' || " + hash("i", 7) + " % 5000 END");
    c.put("order_id", "CASE WHEN kind = 6 THEN 'ord-' || i END");
    c.put(
        "amount", "CASE WHEN kind = 6 THEN round(5 + " + hash("i", 8) + " % 40000 / 100.0, 2) END");
    c.put("currency", "CASE WHEN kind = 6 THEN 'EUR' END");
    c.put(
        "search_query",
        "CASE WHEN kind = 2 THEN list_element(%s, %s %% 10 + 1) END"
            .formatted(SEARCHES, hash("i", 9)));
    c.put("properties", "CASE WHEN kind = 6 THEN '{\"items\":' || (1 + i % 4) || '}' END");
    for (String ctx : new String[] {"ctx_ip", "ctx_user_agent", "ctx_locale", "ctx_country"}) {
      c.put(ctx, ctx);
    }
    c.put("source", "'" + SOURCE + "'");
    c.put("schema_version", "1");
    return c;
  }

  /** The expression for each known column of {@code users}, over {@link #userAggregates}. */
  static Map<String, String> userColumns() {
    Map<String, String> c = new LinkedHashMap<>();
    for (String name :
        new String[] {
          "user_key", "user_id", "anonymous_id", "first_seen", "last_seen", "event_count"
        }) {
      c.put(name, name);
    }
    return c;
  }

  /** One row per generated user, aggregated from the loaded events. */
  static String userAggregates(String eventsTable) {
    return "SELECT user_key, any_value(user_id) AS user_id, any_value(anonymous_id) AS anonymous_id,"
        + " min(ts) AS first_seen, max(ts) AS last_seen, count(*) AS event_count FROM "
        + eventsTable
        + " WHERE source = '"
        + SOURCE
        + "' GROUP BY user_key";
  }

  /** A non-negative BIGINT hash of {@code args}, distinct per {@code salt}. */
  private static String hash(String args, int salt) {
    return "CAST(hash(" + args + ", " + salt + ") >> 1 AS BIGINT)";
  }

  private static String list(String... values) {
    StringBuilder out = new StringBuilder("[");
    for (String v : values) {
      out.append(out.length() > 1 ? ", " : "")
          .append('\'')
          .append(v.replace("'", "''"))
          .append('\'');
    }
    return out.append(']').toString();
  }
}
