package io.waymark.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.events.Event;
import io.waymark.events.QuarantinedItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Column lists and row mappers shared by the store's queries. */
final class StoreRows {

  static final String EVENT_SELECT =
      "event_id, user_id, anonymous_id, session_id, type, epoch_ms(ts) AS ts_ms,"
          + " epoch_ms(client_ts) AS client_ts_ms, epoch_ms(sent_at) AS sent_at_ms,"
          + " epoch_ms(received_at) AS received_at_ms, page_url, page_name, referrer, product_id,"
          + " order_id, amount, currency, search_query, properties, ctx_ip, ctx_user_agent,"
          + " ctx_locale, ctx_country, source, schema_version";

  /** Only what a journey uses: every column more is another block to read per event. */
  static final String JOURNEY_SELECT =
      "event_id, session_id, type, epoch_ms(ts) AS ts_ms, page_url, page_name, product_id,"
          + " order_id, amount, currency, search_query";

  static final String USER_COLUMNS =
      "user_key, user_id, anonymous_id, epoch_ms(first_seen), epoch_ms(last_seen), event_count";

  static final String QUARANTINE_SELECT =
      "id, epoch_ms(received_at), source, key_id, remote_address, status, reason, errors,"
          + " item_index, user_key, payload, payload_truncated";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<QuarantinedItem.Problem>> PROBLEMS =
      new TypeReference<>() {};

  private StoreRows() {}

  static List<Event> events(ResultSet rs) throws SQLException {
    List<Event> out = new ArrayList<>();
    while (rs.next()) {
      out.add(
          new Event(
              (UUID) rs.getObject(1),
              rs.getString(5),
              rs.getString(2),
              rs.getString(3),
              rs.getString(4),
              rs.getLong(6),
              nullableLong(rs, 7),
              nullableLong(rs, 8),
              rs.getLong(9),
              rs.getString(10),
              rs.getString(11),
              rs.getString(12),
              rs.getString(13),
              rs.getString(14),
              nullableDouble(rs, 15),
              rs.getString(16),
              rs.getString(17),
              rs.getString(18),
              new Event.Context(
                  rs.getString(19), rs.getString(20), rs.getString(21), rs.getString(22)),
              rs.getString(23),
              rs.getInt(24)));
    }
    return out;
  }

  /** Events with the journey columns only; the others are null. */
  static List<Event> journeyEvents(ResultSet rs, String userKey) throws SQLException {
    List<Event> out = new ArrayList<>();
    while (rs.next()) {
      long ts = rs.getLong(4);
      out.add(
          new Event(
              (UUID) rs.getObject(1),
              rs.getString(3),
              userKey,
              null,
              rs.getString(2),
              ts,
              null,
              null,
              ts,
              rs.getString(5),
              rs.getString(6),
              null,
              rs.getString(7),
              rs.getString(8),
              nullableDouble(rs, 9),
              rs.getString(10),
              rs.getString(11),
              null,
              Event.Context.EMPTY,
              "store",
              Event.SCHEMA_VERSION));
    }
    return out;
  }

  static List<UserSummary> users(ResultSet rs) throws SQLException {
    List<UserSummary> out = new ArrayList<>();
    while (rs.next()) {
      out.add(
          new UserSummary(
              rs.getString(1),
              rs.getString(2),
              rs.getString(3),
              rs.getLong(4),
              rs.getLong(5),
              rs.getLong(6)));
    }
    return out;
  }

  static List<QuarantinedItem> quarantine(ResultSet rs) throws SQLException {
    List<QuarantinedItem> out = new ArrayList<>();
    while (rs.next()) {
      out.add(
          new QuarantinedItem(
              (UUID) rs.getObject(1),
              rs.getLong(2),
              rs.getString(3),
              rs.getString(4),
              rs.getString(5),
              rs.getInt(6),
              rs.getString(7),
              problems(rs.getString(8)),
              (Integer) rs.getObject(9),
              rs.getString(10),
              rs.getString(11),
              rs.getBoolean(12)));
    }
    return out;
  }

  static String problemsJson(List<QuarantinedItem.Problem> problems) {
    try {
      return JSON.writeValueAsString(problems);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<QuarantinedItem.Problem> problems(String json) {
    try {
      return JSON.readValue(json, PROBLEMS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Long nullableLong(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : v;
  }

  private static Double nullableDouble(ResultSet rs, int i) throws SQLException {
    double v = rs.getDouble(i);
    return rs.wasNull() ? null : v;
  }
}
