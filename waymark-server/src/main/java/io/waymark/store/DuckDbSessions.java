package io.waymark.store;

import io.waymark.sessions.SessionRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.duckdb.DuckDBConnection;

/**
 * Closed sessions in DuckDB: upserted by session id (a late event re-emits a changed session) and
 * deleted when a late event merged them into another one.
 */
final class DuckDbSessions {

  static final String SELECT =
      "session_id, user_key, epoch_ms(start_ts), epoch_ms(end_ts), event_count, page_views,"
          + " product_views, cart_adds, checkouts, purchases, revenue, currency, entry_page, exit_page";

  private final DuckDBConnection conn;

  DuckDbSessions(DuckDBConnection conn) {
    this.conn = conn;
  }

  /** Applies the records in order; only the last version of each session is written. */
  void write(List<SessionRecord> records) throws SQLException {
    if (records.isEmpty()) {
      return;
    }
    Map<UUID, SessionRecord> last = new LinkedHashMap<>();
    for (SessionRecord r : records) {
      last.put(r.id(), r);
    }
    try (PreparedStatement delete =
            conn.prepareStatement("DELETE FROM sessions WHERE session_id = ?");
        PreparedStatement upsert =
            conn.prepareStatement(
                "INSERT OR REPLACE INTO sessions VALUES (?, ?, epoch_ms(?::BIGINT), epoch_ms(?::BIGINT),"
                    + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (SessionRecord r : last.values()) {
        if (r.mergedInto() != null) {
          delete.setObject(1, r.id());
          delete.executeUpdate();
          continue;
        }
        upsert.setObject(1, r.id());
        upsert.setString(2, r.userKey());
        upsert.setLong(3, r.start());
        upsert.setLong(4, r.end());
        upsert.setInt(5, r.eventCount());
        upsert.setInt(6, r.pageViews());
        upsert.setInt(7, r.productViews());
        upsert.setInt(8, r.cartAdds());
        upsert.setInt(9, r.checkouts());
        upsert.setInt(10, r.purchases());
        upsert.setDouble(11, r.revenue());
        upsert.setString(12, r.currency());
        upsert.setString(13, r.entryPage());
        upsert.setString(14, r.exitPage());
        upsert.executeUpdate();
      }
    }
  }

  static List<SessionRecord> read(ResultSet rs) throws SQLException {
    List<SessionRecord> out = new ArrayList<>();
    while (rs.next()) {
      out.add(
          new SessionRecord(
              (UUID) rs.getObject(1),
              rs.getString(2),
              rs.getLong(3),
              rs.getLong(4),
              rs.getInt(5),
              rs.getInt(6),
              rs.getInt(7),
              rs.getInt(8),
              rs.getInt(9),
              rs.getInt(10),
              rs.getDouble(11),
              rs.getString(12),
              rs.getString(13),
              rs.getString(14),
              null));
    }
    return out;
  }
}
