package io.waymark.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.customers.CustomerProfile;
import io.waymark.customers.CustomerVersion;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of {@code customer_profile_versions}: reading, inserting, closing. */
final class DuckDbCustomerVersions {

  private static final String COLUMNS =
      "customer_id, version, epoch_ms(valid_from), epoch_ms(valid_to), is_current,"
          + " epoch_ms(first_seen), epoch_ms(last_seen), events_30d, events_total, sessions_30d,"
          + " sessions_total, orders, failed_payments, refunds, refunded_amount, lifetime_revenue,"
          + " average_order_value, epoch_ms(last_purchase), currency, tickets_total, tickets_open,"
          + " tickets_closed, average_satisfaction, favourite_categories, linked_anonymous_ids,"
          + " segments, attributes_hash, epoch_ms(checked_at)";

  private static final String TS = "epoch_ms(?::BIGINT)";
  private static final String INSERT =
      "INSERT INTO customer_profile_versions VALUES (?, ?, "
          + TS
          + ", NULL, true, "
          + TS
          + ", "
          + TS
          + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          + TS
          + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          + TS
          + ")";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final Connection conn;

  DuckDbCustomerVersions(Connection conn) {
    this.conn = conn;
  }

  Optional<CustomerVersion> current(String customerId) throws SQLException {
    return select("WHERE customer_id = ? AND is_current", customerId, null).stream().findFirst();
  }

  Optional<CustomerVersion> asOf(String customerId, Instant at) throws SQLException {
    return select(
            "WHERE customer_id = ? AND valid_from <= "
                + TS
                + " AND (valid_to IS NULL OR valid_to > "
                + TS
                + ")",
            customerId,
            at)
        .stream()
        .findFirst();
  }

  List<CustomerVersion> history(String customerId) throws SQLException {
    return select("WHERE customer_id = ?", customerId, null);
  }

  int lastVersion(String customerId) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT coalesce(max(version), 0) FROM customer_profile_versions WHERE customer_id = ?")) {
      ps.setString(1, customerId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  void insert(CustomerProfile p, int version, Instant validFrom, String hash, Instant at)
      throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(INSERT)) {
      int i = 1;
      ps.setString(i++, p.customerId());
      ps.setInt(i++, version);
      ps.setLong(i++, validFrom.toEpochMilli());
      millis(ps, i++, p.firstSeen());
      millis(ps, i++, p.lastSeen());
      ps.setLong(i++, p.events30d());
      ps.setLong(i++, p.eventsTotal());
      ps.setLong(i++, p.sessions30d());
      ps.setLong(i++, p.sessionsTotal());
      ps.setInt(i++, p.orders());
      ps.setInt(i++, p.failedPayments());
      ps.setInt(i++, p.refunds());
      ps.setBigDecimal(i++, p.refundedAmount());
      ps.setBigDecimal(i++, p.lifetimeRevenue());
      ps.setBigDecimal(i++, p.averageOrderValue());
      millis(ps, i++, p.lastPurchase());
      ps.setString(i++, p.currency());
      ps.setInt(i++, p.ticketsTotal());
      ps.setInt(i++, p.ticketsOpen());
      ps.setInt(i++, p.ticketsClosed());
      ps.setBigDecimal(i++, p.averageSatisfaction());
      ps.setString(i++, json(p.favouriteCategories()));
      ps.setString(i++, json(p.linkedAnonymousIds()));
      ps.setString(i++, json(p.segments()));
      ps.setString(i++, hash);
      ps.setLong(i, at.toEpochMilli());
      ps.executeUpdate();
    }
  }

  /** Ends the current version at {@code at}. */
  int close(String customerId, Instant at) throws SQLException {
    return update(
        "UPDATE customer_profile_versions SET valid_to = "
            + TS
            + ", is_current = false WHERE customer_id = ? AND is_current",
        at,
        customerId);
  }

  void checked(String customerId, Instant at) throws SQLException {
    update(
        "UPDATE customer_profile_versions SET checked_at = "
            + TS
            + " WHERE customer_id = ? AND is_current",
        at,
        customerId);
  }

  void deleteCurrent(String customerId) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "DELETE FROM customer_profile_versions WHERE customer_id = ? AND is_current")) {
      ps.setString(1, customerId);
      ps.executeUpdate();
    }
  }

  private int update(String sql, Instant at, String customerId) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setLong(1, at.toEpochMilli());
      ps.setString(2, customerId);
      return ps.executeUpdate();
    }
  }

  private List<CustomerVersion> select(String where, String customerId, Instant at)
      throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM customer_profile_versions "
                + where
                + " ORDER BY version DESC")) {
      ps.setString(1, customerId);
      if (at != null) {
        ps.setLong(2, at.toEpochMilli());
        ps.setLong(3, at.toEpochMilli());
      }
      List<CustomerVersion> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
      return out;
    }
  }

  private static CustomerVersion row(ResultSet rs) throws SQLException {
    CustomerProfile p =
        new CustomerProfile(
            rs.getString(1),
            instant(rs, 6),
            instant(rs, 7),
            rs.getLong(8),
            rs.getLong(9),
            rs.getLong(10),
            rs.getLong(11),
            rs.getInt(12),
            rs.getInt(13),
            rs.getInt(14),
            rs.getBigDecimal(15),
            rs.getBigDecimal(16),
            decimal(rs, 17),
            instant(rs, 18),
            rs.getString(19),
            rs.getInt(20),
            rs.getInt(21),
            rs.getInt(22),
            decimal(rs, 23),
            strings(rs.getString(24)),
            strings(rs.getString(25)),
            strings(rs.getString(26)));
    return new CustomerVersion(
        p.customerId(),
        rs.getInt(2),
        instant(rs, 3),
        instant(rs, 4),
        rs.getBoolean(5),
        p,
        rs.getString(27),
        instant(rs, 28));
  }

  private static Instant instant(ResultSet rs, int i) throws SQLException {
    Long v = DuckDbCustomerFacts.nullableLong(rs, i);
    return v == null ? null : Instant.ofEpochMilli(v);
  }

  private static BigDecimal decimal(ResultSet rs, int i) throws SQLException {
    BigDecimal d = rs.getBigDecimal(i);
    return rs.wasNull() ? null : d;
  }

  private static void millis(PreparedStatement ps, int i, Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, t.toEpochMilli());
    }
  }

  private static String json(List<String> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings always serialises", e);
    }
  }

  private static List<String> strings(String json) {
    try {
      return JSON.readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      throw new StoreException(
          "customer_profile_versions holds a list that is not JSON: " + json, e);
    }
  }
}
