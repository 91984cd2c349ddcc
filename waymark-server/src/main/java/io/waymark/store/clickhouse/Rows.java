package io.waymark.store.clickhouse;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.events.Event;
import io.waymark.events.QuarantinedItem;
import io.waymark.sessions.SessionRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Column lists of the reads and the mapping of their TabSeparated rows to records. */
final class Rows {

  /** Every column of an event, in the order {@link #event} reads them. */
  static final String EVENT_SELECT =
      "toString(event_id), user_id, anonymous_id, session_id, type, ts, client_ts, sent_at,"
          + " received_at, page_url, page_name, referrer, product_id, order_id, amount, currency,"
          + " search_query, properties, ctx_ip, ctx_user_agent, ctx_locale, ctx_country, source,"
          + " schema_version";

  /** Only what a journey uses: every column more is more to read per event. */
  static final String JOURNEY_SELECT =
      "toString(event_id), session_id, type, ts, page_url, page_name, product_id, order_id,"
          + " amount, currency, search_query";

  static final String QUARANTINE_SELECT =
      "toString(id), received_at, source, key_id, remote_address, status, reason, errors,"
          + " item_index, user_key, payload, payload_truncated";

  static final String SESSION_SELECT =
      "toString(session_id), user_key, start_ts, end_ts, event_count, page_views, product_views,"
          + " cart_adds, checkouts, purchases, revenue, currency, entry_page, exit_page";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<QuarantinedItem.Problem>> PROBLEMS =
      new TypeReference<>() {};

  private Rows() {}

  static Event event(String[] r) {
    return new Event(
        UUID.fromString(r[0]),
        r[4],
        r[1],
        r[2],
        r[3],
        Long.parseLong(r[5]),
        longOrNull(r[6]),
        longOrNull(r[7]),
        Long.parseLong(r[8]),
        r[9],
        r[10],
        r[11],
        r[12],
        r[13],
        doubleOrNull(r[14]),
        r[15],
        r[16],
        r[17],
        new Event.Context(r[18], r[19], r[20], r[21]),
        r[22],
        Integer.parseInt(r[23]));
  }

  /** An event with the journey columns only; the others are empty, as the DuckDB store's. */
  static Event journeyEvent(String[] r, String userKey) {
    long ts = Long.parseLong(r[3]);
    return new Event(
        UUID.fromString(r[0]),
        r[2],
        userKey,
        null,
        r[1],
        ts,
        null,
        null,
        ts,
        r[4],
        r[5],
        null,
        r[6],
        r[7],
        doubleOrNull(r[8]),
        r[9],
        r[10],
        null,
        Event.Context.EMPTY,
        "store",
        Event.SCHEMA_VERSION);
  }

  static QuarantinedItem quarantined(String[] r) {
    return new QuarantinedItem(
        UUID.fromString(r[0]),
        Long.parseLong(r[1]),
        r[2],
        r[3],
        r[4],
        Integer.parseInt(r[5]),
        r[6],
        problems(r[7]),
        r[8] == null ? null : Integer.valueOf(r[8]),
        r[9],
        r[10],
        "1".equals(r[11]));
  }

  static SessionRecord session(String[] r) {
    return new SessionRecord(
        UUID.fromString(r[0]),
        r[1],
        Long.parseLong(r[2]),
        Long.parseLong(r[3]),
        Integer.parseInt(r[4]),
        Integer.parseInt(r[5]),
        Integer.parseInt(r[6]),
        Integer.parseInt(r[7]),
        Integer.parseInt(r[8]),
        Integer.parseInt(r[9]),
        Double.parseDouble(r[10]),
        r[11],
        r[12],
        r[13],
        null);
  }

  static <T> List<T> map(List<String[]> rows, java.util.function.Function<String[], T> f) {
    List<T> out = new ArrayList<>(rows.size());
    for (String[] r : rows) {
      out.add(f.apply(r));
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

  static Long longOrNull(String s) {
    return s == null ? null : Long.valueOf(s);
  }

  static Double doubleOrNull(String s) {
    if (s == null) {
      return null;
    }
    return switch (s) {
      case "nan", "-nan" -> Double.NaN;
      case "inf", "+inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.valueOf(s);
    };
  }
}
