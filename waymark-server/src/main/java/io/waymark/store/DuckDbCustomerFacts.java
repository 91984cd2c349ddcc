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
import java.util.Set;

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

  private CustomerFacts.Activity activity(List<String> keys, long recentFrom) throws SQLException {
    Long first;
    Long last;
    long events;
    long recentEvents;
    try (PreparedStatement ps =
        prepare(
            "SELECT epoch_ms(min(ts)), epoch_ms(max(ts)), count(*),"
                + " count(*) FILTER (WHERE ts >= epoch_ms(?::BIGINT)) FROM events WHERE user_key IN ",
            keys,
            recentFrom)) {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        first = nullableLong(rs, 1);
        last = nullableLong(rs, 2);
        events = rs.getLong(3);
        recentEvents = rs.getLong(4);
      }
    }
    try (PreparedStatement ps =
        prepare(
            "SELECT count(*), count(*) FILTER (WHERE start_ts >= epoch_ms(?::BIGINT))"
                + " FROM sessions WHERE user_key IN ",
            keys,
            recentFrom)) {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new CustomerFacts.Activity(
            first, last, events, recentEvents, rs.getLong(1), rs.getLong(2));
      }
    }
  }

  private List<CustomerFacts.Payment> payments(List<String> keys) throws SQLException {
    List<CustomerFacts.Payment> out = new ArrayList<>();
    try (PreparedStatement ps =
        prepare(
            "SELECT transaction_id, order_id, epoch_ms(ts), status, amount, currency"
                + " FROM transactions WHERE user_id IN ",
            keys,
            null)) {
      read(ps, CustomerFacts.Source.IMPORT, out);
    }
    try (PreparedStatement ps =
        prepare(
            "SELECT CAST(event_id AS VARCHAR), order_id, epoch_ms(ts),"
                + " CASE type WHEN 'purchase' THEN 'completed' ELSE 'failed' END,"
                + " CAST(amount AS DECIMAL(18, 2)), currency"
                + " FROM events WHERE type IN ('purchase', 'payment_failed') AND user_key IN ",
            keys,
            null)) {
      read(ps, CustomerFacts.Source.EVENT, out);
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
        prepare(
            "SELECT ticket_id, epoch_ms(created_at), status, satisfaction"
                + " FROM support_tickets WHERE user_id IN ",
            keys,
            null)) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int s = rs.getInt(4);
          out.add(
              new CustomerFacts.Ticket(
                  rs.getString(1), rs.getLong(2), rs.getString(3), rs.wasNull() ? null : s));
        }
      }
    }
    return out;
  }

  private List<CustomerFacts.CategoryInterest> categories(List<String> keys) throws SQLException {
    List<CustomerFacts.CategoryInterest> out = new ArrayList<>();
    try (PreparedStatement ps =
        prepare(
            "WITH e AS MATERIALIZED (SELECT type, product_id FROM events WHERE type IN"
                + " ('purchase', 'add_to_cart', 'product_view') AND product_id IS NOT NULL"
                + " AND user_key IN "
                + placeholders(keys.size())
                + ") SELECT c.category, count(*) FILTER (WHERE e.type = 'purchase'),"
                + " count(*) FILTER (WHERE e.type = 'add_to_cart'),"
                + " count(*) FILTER (WHERE e.type = 'product_view')"
                + " FROM e JOIN catalogue_items c ON c.product_id = e.product_id"
                + " GROUP BY c.category ORDER BY c.category",
            keys)) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new CustomerFacts.CategoryInterest(
                  rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
        }
      }
    }
    return out;
  }

  /** Customer ids touched at or after {@code since}; anonymous keys map to their linked user. */
  Set<String> touchedSince(Instant since) throws SQLException {
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
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      for (int i = 1; i <= 5; i++) {
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

  Instant latestFactTime() throws SQLException {
    try (PreparedStatement ps =
            conn.prepareStatement(
                "SELECT epoch_ms(greatest((SELECT max(received_at) FROM events),"
                    + " (SELECT max(imported_at) FROM transactions),"
                    + " (SELECT max(imported_at) FROM support_tickets),"
                    + " (SELECT max(imported_at) FROM catalogue_items)))");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      Long t = nullableLong(rs, 1);
      return t == null ? null : Instant.ofEpochMilli(t);
    }
  }

  private PreparedStatement prepare(String sqlBeforeKeys, List<String> keys, Long first)
      throws SQLException {
    PreparedStatement ps = conn.prepareStatement(sqlBeforeKeys + placeholders(keys.size()));
    int i = 1;
    if (first != null) {
      ps.setLong(i++, first);
    }
    for (String k : keys) {
      ps.setString(i++, k);
    }
    return ps;
  }

  private PreparedStatement prepare(String sql, List<String> keys) throws SQLException {
    PreparedStatement ps = conn.prepareStatement(sql);
    for (int i = 0; i < keys.size(); i++) {
      ps.setString(i + 1, keys.get(i));
    }
    return ps;
  }

  static String placeholders(int n) {
    return "(" + String.join(", ", Collections.nCopies(n, "?")) + ")";
  }

  static Long nullableLong(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : v;
  }
}
