package io.waymark.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

/**
 * One UTC day of stored data written to a file by DuckDB's {@code COPY ... TO} (Parquet, CSV with a
 * header, or newline-delimited JSON). The copy runs on a fresh connection under the store's read
 * gate, so a compaction's swap waits for it and it never sees a half-swapped file. Columns are
 * listed in docs/data-model.md ("Exported files").
 */
public final class DailyExtracts {

  /** What can be extracted for a day. */
  public enum Extract {
    /** Events whose event time falls on the day (no IP address or user agent). */
    EVENTS(
        "SELECT event_id, user_key, user_id, anonymous_id, session_id, type, ts, received_at,"
            + " page_url, page_name, referrer, product_id, order_id, amount, currency,"
            + " search_query, properties, ctx_locale, ctx_country, source FROM events"
            + " WHERE ts >= %1$s AND ts < %2$s ORDER BY ts, event_id"),
    /** Closed sessions that started on the day, one journey summary each. */
    SESSIONS(
        "SELECT session_id, user_key, start_ts, end_ts,"
            + " date_diff('second', start_ts, end_ts) AS duration_seconds, event_count,"
            + " page_views, product_views, cart_adds, checkouts, purchases, revenue, currency,"
            + " entry_page, exit_page FROM sessions WHERE start_ts >= %1$s AND start_ts < %2$s"
            + " ORDER BY start_ts, session_id"),
    /** Every customer's current profile, as it stands when the export runs. */
    CUSTOMERS(
        "SELECT customer_id, version, valid_from, first_seen, last_seen, events_30d,"
            + " events_total, sessions_30d, sessions_total, orders, failed_payments, refunds,"
            + " refunded_amount, lifetime_revenue, average_order_value, last_purchase, currency,"
            + " tickets_total, tickets_open, tickets_closed, average_satisfaction,"
            + " favourite_categories, segments FROM customer_profile_versions"
            + " WHERE is_current"
            + " ORDER BY customer_id");

    private final String select;

    Extract(String select) {
      this.select = select;
    }
  }

  private final DuckDbStore store;

  DailyExtracts(DuckDbStore store) {
    this.store = store;
  }

  /**
   * Rewrites a query before it is copied, on the connection that copies it: a file format's rules
   * for its cells (CSV's formula guard, in the exports module) stay with that format.
   */
  @FunctionalInterface
  public interface Shaping {
    /** The query as it is used unchanged. */
    Shaping AS_IS = (c, select) -> select;

    String shape(java.sql.Connection c, String select) throws SQLException;
  }

  /**
   * Writes {@code extract} for {@code day} to {@code target} with the COPY options {@code options}
   * (such as {@code FORMAT parquet}), after {@code shaping}; returns the rows written.
   */
  public long copy(Extract extract, LocalDate day, Path target, String options, Shaping shaping) {
    String select = extract.select.formatted(timestamp(day), timestamp(day.plusDays(1)));
    return store.readOutsideSink(c -> copy(c, shaping.shape(c, select), target, options));
  }

  /** Runs {@code COPY (select) TO target (options)} on {@code c}; returns the rows written. */
  public static long copy(java.sql.Connection c, String select, Path target, String options)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      String sql = "COPY (" + select + ") TO " + literal(target.toString()) + " (" + options + ")";
      if (s.execute(sql)) {
        try (var rs = s.getResultSet()) {
          return rs.next() ? rs.getLong(1) : 0;
        }
      }
      return Math.max(0, s.getUpdateCount());
    }
  }

  /** A SQL string literal: single quotes doubled. */
  public static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String timestamp(LocalDate day) {
    return "TIMESTAMP '" + day + " 00:00:00'";
  }
}
