package io.waymark.store;

import io.waymark.events.Event;
import io.waymark.events.QuarantinedItem;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The store's only writer. Each batch goes through a staging table with the Appender, then into
 * {@code events} with {@code INSERT OR IGNORE} (unique event ids), and commits together with the
 * log offsets it came from.
 */
final class DuckDbWriter {

  private final DuckDBConnection conn;
  private final DuckDbSessions sessions;
  private final DuckDbRollups rollups;

  DuckDbWriter(DuckDBConnection conn) throws SQLException {
    this.conn = conn;
    this.sessions = new DuckDbSessions(conn);
    this.rollups = new DuckDbRollups(conn);
    DuckDbSchema.createStaging(conn);
    conn.setAutoCommit(false);
  }

  /** Writes the batch in one transaction; returns the events DuckDB inserted (not duplicates). */
  synchronized List<Event> write(SinkBatch batch) {
    try {
      List<Event> unique = uniqueById(batch.events());
      List<Event> insertedEvents = List.of();
      if (!unique.isEmpty()) {
        appendStaging(unique);
        Set<UUID> inserted = insertNew();
        insertedEvents = new ArrayList<>(inserted.size());
        for (Event e : unique) {
          if (inserted.contains(e.eventId())) {
            insertedEvents.add(e);
          }
        }
        upsertUsers(unique, inserted);
        rollups.add(unique, inserted);
        insertLinks(unique);
      }
      insertQuarantine(batch.quarantine());
      sessions.write(batch.sessions());
      saveOffsets(batch.nextOffsets());
      try (Statement s = conn.createStatement()) {
        s.execute("DELETE FROM staging_events");
        s.execute("DELETE FROM staging_users");
        s.execute("DELETE FROM staging_links");
        rollups.clearStaging(s);
      }
      conn.commit();
      return insertedEvents;
    } catch (SQLException | RuntimeException e) {
      try {
        conn.rollback();
      } catch (SQLException ignored) {
        // the original failure is what matters
      }
      throw new StoreException(
          "writing " + batch.events().size() + " events to DuckDB failed: " + e.getMessage(), e);
    }
  }

  private static List<Event> uniqueById(List<Event> events) {
    Set<UUID> seen = new HashSet<>(events.size() * 2);
    List<Event> out = new ArrayList<>(events.size());
    for (Event e : events) {
      if (seen.add(e.eventId())) {
        out.add(e);
      }
    }
    return out;
  }

  private void appendStaging(List<Event> events) throws SQLException {
    try (DuckDBAppender a = conn.createAppender("temp", "main", "staging_events")) {
      for (Event e : events) {
        a.beginRow();
        a.append(e.eventId());
        a.append(e.userKey());
        str(a, e.userId());
        str(a, e.anonymousId());
        str(a, e.sessionId());
        a.append(e.type());
        a.appendEpochMicros(e.timestamp() * 1000);
        millis(a, e.clientTimestamp());
        millis(a, e.sentAt());
        a.appendEpochMicros(e.receivedAt() * 1000);
        str(a, e.pageUrl());
        str(a, e.pageName());
        str(a, e.referrer());
        str(a, e.productId());
        str(a, e.orderId());
        if (e.amount() == null) {
          a.appendNull();
        } else {
          a.append(e.amount().doubleValue());
        }
        str(a, e.currency());
        str(a, e.searchQuery());
        str(a, e.properties());
        Event.Context c = e.context() == null ? Event.Context.EMPTY : e.context();
        str(a, c.ip());
        str(a, c.userAgent());
        str(a, c.locale());
        str(a, c.country());
        a.append(e.source());
        a.append((short) e.schemaVersion());
        a.endRow();
      }
    }
  }

  private Set<UUID> insertNew() throws SQLException {
    Set<UUID> inserted = new HashSet<>();
    try (Statement s = conn.createStatement();
        ResultSet rs =
            s.executeQuery(
                "INSERT OR IGNORE INTO events SELECT * FROM staging_events RETURNING event_id")) {
      while (rs.next()) {
        inserted.add((UUID) rs.getObject(1));
      }
    }
    return inserted;
  }

  private void upsertUsers(List<Event> events, Set<UUID> inserted) throws SQLException {
    Map<String, long[]> stats = new HashMap<>(); // first, last, count
    Map<String, String[]> ids = new HashMap<>(); // user_id, anonymous_id
    for (Event e : events) {
      if (!inserted.contains(e.eventId())) {
        continue;
      }
      long[] s =
          stats.computeIfAbsent(e.userKey(), k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0});
      s[0] = Math.min(s[0], e.timestamp());
      s[1] = Math.max(s[1], e.timestamp());
      s[2]++;
      String[] id = ids.computeIfAbsent(e.userKey(), k -> new String[2]);
      id[0] = e.userId() != null ? e.userId() : id[0];
      id[1] = e.anonymousId() != null ? e.anonymousId() : id[1];
    }
    if (stats.isEmpty()) {
      return;
    }
    try (DuckDBAppender a = conn.createAppender("temp", "main", "staging_users")) {
      for (Map.Entry<String, long[]> u : stats.entrySet()) {
        String[] id = ids.get(u.getKey());
        a.beginRow();
        a.append(u.getKey());
        str(a, id[0]);
        str(a, id[1]);
        a.appendEpochMicros(u.getValue()[0] * 1000);
        a.appendEpochMicros(u.getValue()[1] * 1000);
        a.append(u.getValue()[2]);
        a.endRow();
      }
    }
    try (Statement s = conn.createStatement()) {
      s.execute(
          "INSERT INTO users SELECT * FROM staging_users ON CONFLICT (user_key) DO UPDATE SET"
              + " user_id = coalesce(excluded.user_id, users.user_id),"
              + " anonymous_id = coalesce(users.anonymous_id, excluded.anonymous_id),"
              + " first_seen = least(users.first_seen, excluded.first_seen),"
              + " last_seen = greatest(users.last_seen, excluded.last_seen),"
              + " event_count = users.event_count + excluded.event_count");
    }
  }

  private void insertQuarantine(List<QuarantinedItem> items) throws SQLException {
    if (items.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        conn.prepareStatement(
            "INSERT OR IGNORE INTO quarantine VALUES (?, epoch_ms(?::BIGINT), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (QuarantinedItem q : items) {
        ps.setObject(1, q.id());
        ps.setLong(2, q.receivedAt());
        ps.setString(3, q.source());
        ps.setString(4, q.keyId());
        ps.setString(5, q.remoteAddress());
        ps.setInt(6, q.status());
        ps.setString(7, q.reason());
        ps.setString(8, StoreRows.problemsJson(q.errors()));
        ps.setObject(9, q.index());
        ps.setString(10, q.userKey());
        ps.setString(11, q.payload());
        ps.setBoolean(12, q.payloadTruncated());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void saveOffsets(Map<String, Map<Integer, Long>> offsets) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement("INSERT OR REPLACE INTO sink_offsets VALUES (?, ?, ?)")) {
      for (Map.Entry<String, Map<Integer, Long>> t : offsets.entrySet()) {
        for (Map.Entry<Integer, Long> p : t.getValue().entrySet()) {
          ps.setString(1, t.getKey());
          ps.setInt(2, p.getKey());
          ps.setLong(3, p.getValue());
          ps.addBatch();
        }
      }
      ps.executeBatch();
    }
  }

  /**
   * Links each anonymous id to the first user id it was seen with (an event carrying both): from
   * then on the anonymous history belongs to that user.
   */
  private void insertLinks(List<Event> events) throws SQLException {
    Map<String, Event> first = new HashMap<>();
    for (Event e : events) {
      if (linksIdentity(e)) {
        first.merge(e.anonymousId(), e, (a, b) -> a.timestamp() <= b.timestamp() ? a : b);
      }
    }
    if (first.isEmpty()) {
      return;
    }
    try (DuckDBAppender a = conn.createAppender("temp", "main", "staging_links")) {
      for (Event e : first.values()) {
        a.beginRow();
        a.append(e.anonymousId());
        a.append(e.userId());
        a.appendEpochMicros(e.timestamp() * 1000);
        a.endRow();
      }
    }
    try (Statement s = conn.createStatement()) {
      s.execute("INSERT OR IGNORE INTO identity_links SELECT * FROM staging_links");
    }
  }

  /** Whether the event links its anonymous id to its user id (it carries both, and they differ). */
  static boolean linksIdentity(Event e) {
    return e.userId() != null && e.anonymousId() != null && !e.userId().equals(e.anonymousId());
  }

  private static void str(DuckDBAppender a, String v) throws SQLException {
    if (v == null) {
      a.appendNull();
    } else {
      a.append(v);
    }
  }

  private static void millis(DuckDBAppender a, Long v) throws SQLException {
    if (v == null) {
      a.appendNull();
    } else {
      a.appendEpochMicros(v * 1000);
    }
  }

  void close() {
    try {
      conn.close();
    } catch (SQLException ignored) {
      // shutting down
    }
  }
}
