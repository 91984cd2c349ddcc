package io.waymark.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a customer's facts from events, sessions, transactions, support tickets and the catalogue:
 * one indexed lookup per table over the customer's identities.
 */
final class DuckDbCustomerFacts {

  private final Connection conn;

  DuckDbCustomerFacts(Connection conn) {
    this.conn = conn;
  }

  CustomerFacts read(String customerId, Instant recentFrom) throws SQLException {
    List<String> linked = linked(customerId);
    List<String> keys = new ArrayList<>(linked.size() + 1);
    keys.add(customerId);
    keys.addAll(linked);
    return new CustomerFacts(
        customerId,
        linked,
        activity(keys, recentFrom.toEpochMilli()),
        payments(keys),
        tickets(keys),
        categories(keys));
  }

  private List<String> linked(String userId) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT anonymous_id FROM identity_links WHERE user_id = ?"
                + " ORDER BY linked_at, anonymous_id LIMIT 1000")) {
      ps.setString(1, userId);
      List<String> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    }
  }

  /**
   * One {@code user_key = ?} lookup per identity, summed here: DuckDB answers an equality from the
   * ART index but scans the table for {@code IN (...)}.
   */
  private CustomerFacts.Activity activity(List<String> keys, long recentFrom) throws SQLException {
    Long first = null;
    Long last = null;
    long events = 0;
    long recentEvents = 0;
    long sessions = 0;
    long recentSessions = 0;
    try (PreparedStatement e =
            conn.prepareStatement(
                "SELECT epoch_ms(min(ts)), epoch_ms(max(ts)), count(*),"
                    + " count(*) FILTER (WHERE ts >= epoch_ms(?::BIGINT))"
                    + " FROM events WHERE user_key = ?");
        PreparedStatement s =
            conn.prepareStatement(
                "SELECT count(*), count(*) FILTER (WHERE start_ts >= epoch_ms(?::BIGINT))"
                    + " FROM sessions WHERE user_key = ?")) {
      for (String key : keys) {
        e.setLong(1, recentFrom);
        e.setString(2, key);
        try (ResultSet rs = e.executeQuery()) {
          rs.next();
          Long min = nullableLong(rs, 1);
          Long max = nullableLong(rs, 2);
          first = min == null || first != null && first <= min ? first : min;
          last = max == null || last != null && last >= max ? last : max;
          events += rs.getLong(3);
          recentEvents += rs.getLong(4);
        }
        s.setLong(1, recentFrom);
        s.setString(2, key);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          sessions += rs.getLong(1);
          recentSessions += rs.getLong(2);
        }
      }
    }
    return new CustomerFacts.Activity(first, last, events, recentEvents, sessions, recentSessions);
  }

  private List<CustomerFacts.Payment> payments(List<String> keys) throws SQLException {
    List<CustomerFacts.Payment> out = new ArrayList<>();
    try (PreparedStatement t =
            conn.prepareStatement(
                "SELECT transaction_id, order_id, epoch_ms(ts), status, amount, currency"
                    + " FROM transactions WHERE user_id = ?");
        PreparedStatement e =
            conn.prepareStatement(
                "WITH u AS MATERIALIZED (SELECT event_id, type, order_id, ts, amount, currency"
                    + " FROM events WHERE user_key = ?)"
                    + " SELECT CAST(event_id AS VARCHAR), order_id, epoch_ms(ts),"
                    + " CASE type WHEN 'purchase' THEN 'completed' ELSE 'failed' END,"
                    + " CAST(amount AS DECIMAL(18, 2)), currency"
                    + " FROM u WHERE type IN ('purchase', 'payment_failed')")) {
      for (String key : keys) {
        t.setString(1, key);
        read(t, CustomerFacts.Source.IMPORT, out);
        e.setString(1, key);
        read(e, CustomerFacts.Source.EVENT, out);
      }
    }
    return out;
  }

  private static void read(
      PreparedStatement ps, CustomerFacts.Source source, List<CustomerFacts.Payment> out)
      throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        BigDecimal amount = rs.getBigDecimal(5);
        out.add(
            new CustomerFacts.Payment(
                source,
                rs.getString(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getString(4),
                amount,
                rs.getString(6)));
      }
    }
  }

  private List<CustomerFacts.Ticket> tickets(List<String> keys) throws SQLException {
    List<CustomerFacts.Ticket> out = new ArrayList<>();
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT ticket_id, epoch_ms(created_at), status, satisfaction"
                + " FROM support_tickets WHERE user_id = ?")) {
      for (String key : keys) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            int s = rs.getInt(4);
            out.add(
                new CustomerFacts.Ticket(
                    rs.getString(1), rs.getLong(2), rs.getString(3), rs.wasNull() ? null : s));
          }
        }
      }
    }
    return out;
  }

  private List<CustomerFacts.CategoryInterest> categories(List<String> keys) throws SQLException {
    Map<String, long[]> counts = new TreeMap<>();
    try (PreparedStatement ps =
        conn.prepareStatement(
            "WITH e AS MATERIALIZED (SELECT type, product_id FROM events WHERE user_key = ?)"
                + " SELECT c.category, count(*) FILTER (WHERE e.type = 'purchase'),"
                + " count(*) FILTER (WHERE e.type = 'add_to_cart'),"
                + " count(*) FILTER (WHERE e.type = 'product_view')"
                + " FROM e JOIN catalogue_items c ON c.product_id = e.product_id"
                + " WHERE e.type IN ('purchase', 'add_to_cart', 'product_view')"
                + " GROUP BY c.category")) {
      for (String key : keys) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long[] c = counts.computeIfAbsent(rs.getString(1), k -> new long[3]);
            for (int i = 0; i < 3; i++) {
              c[i] += rs.getLong(i + 2);
            }
          }
        }
      }
    }
    List<CustomerFacts.CategoryInterest> out = new ArrayList<>();
    counts.forEach(
        (category, c) -> out.add(new CustomerFacts.CategoryInterest(category, c[0], c[1], c[2])));
    return out;
  }

  /** Customer ids touched at or after {@code since}; anonymous keys map to their linked user. */
  Set<String> touchedSince(Instant since) throws SQLException {
    if (!since.isAfter(Instant.EPOCH)) {
      return everyCustomer();
    }
    String ts = "epoch_ms(?::BIGINT)";
    String sql =
        "WITH t AS (SELECT user_key AS k FROM events WHERE received_at >= "
            + ts
            + " UNION SELECT user_id FROM transactions WHERE imported_at >= "
            + ts
            + " UNION SELECT user_id FROM support_tickets WHERE imported_at >= "
            + ts
            + " UNION SELECT user_key FROM sessions WHERE end_ts >= "
            + ts
            + " UNION SELECT e.user_key FROM events e JOIN catalogue_items c"
            + " ON c.product_id = e.product_id WHERE c.imported_at >= "
            + ts
            + ") SELECT DISTINCT coalesce(l.user_id, t.k) FROM t"
            + " LEFT JOIN identity_links l ON l.anonymous_id = t.k ORDER BY 1";
    return customerIds(sql, 5, since);
  }

  /** The first column of {@code sql}'s rows, with {@code since} bound to its n parameters. */
  private Set<String> customerIds(String sql, int parameters, Instant since) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      for (int i = 1; i <= parameters; i++) {
        ps.setLong(i, since.toEpochMilli());
      }
      Set<String> out = new LinkedHashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return Collections.unmodifiableSet(out);
    }
  }

  /**
   * Every customer with any fact: the first pass over a store that already holds data. The users
   * table has every key the events have (sessions and catalogue interest come from events), so this
   * reads it instead of scanning all events.
   */
  private Set<String> everyCustomer() throws SQLException {
    String sql =
        "WITH t AS (SELECT user_key AS k FROM users UNION SELECT user_id FROM transactions"
            + " UNION SELECT user_id FROM support_tickets)"
            + " SELECT DISTINCT coalesce(l.user_id, t.k) FROM t"
            + " LEFT JOIN identity_links l ON l.anonymous_id = t.k ORDER BY 1";
    return customerIds(sql, 0, Instant.EPOCH);
  }

  /**
   * The newest import time of the imported facts (transactions, tickets, catalogue); the newest
   * event is tracked by the store as the sink writes ({@link DuckDbStore#newestReceivedAt}).
   */
  Instant latestImportTime() throws SQLException {
    try (PreparedStatement ps =
            conn.prepareStatement(
                "SELECT epoch_ms(greatest((SELECT max(imported_at) FROM transactions),"
                    + " (SELECT max(imported_at) FROM support_tickets),"
                    + " (SELECT max(imported_at) FROM catalogue_items)))");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      Long t = nullableLong(rs, 1);
      return t == null ? null : Instant.ofEpochMilli(t);
    }
  }

  static String placeholders(int n) {
    return "(" + String.join(", ", Collections.nCopies(n, "?")) + ")";
  }

  static Long nullableLong(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : v;
  }
}
