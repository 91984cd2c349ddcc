package io.waymark.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.duckdb.DuckDBConnection;

/**
 * Counts and deletes a person's rows. Runs on a connection of its own, beside the sink's writer;
 * DuckDB serialises the two, and a conflict with a concurrent sink write is retried.
 */
final class DuckDbErasure {

  private final DuckDBConnection root;

  /** Works on duplicates of {@code root}, the store's current database. */
  DuckDbErasure(DuckDBConnection root) {
    this.root = root;
  }

  long count(PersonalTable t, List<String> identities) {
    String sql = "SELECT count(*) FROM " + t.table() + " WHERE " + t.where(identities.size());
    try (Connection c = root.duplicate();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, t, identities);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new StoreException("could not count " + t.table() + " rows for an erasure", e);
    }
  }

  /**
   * Deletes the rows; for {@code events}, first withdraws their counts from the insight rollups, in
   * the same transaction.
   */
  long delete(PersonalTable t, List<String> identities) {
    String sql = "DELETE FROM " + t.table() + " WHERE " + t.where(identities.size());
    SQLException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try (Connection c = root.duplicate()) {
        c.setAutoCommit(false);
        try {
          if (t == PersonalTable.EVENTS) {
            withdrawFromRollups(c, identities);
          }
          long n;
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, t, identities);
            n = ps.executeUpdate();
          }
          c.commit();
          return n;
        } catch (SQLException e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException e) {
        last = e; // a write-write conflict with the sink: try again
        sleep(50L << attempt);
      }
    }
    throw new StoreException(
        "could not delete " + t.table() + " rows for an erasure: " + last.getMessage(), last);
  }

  /**
   * Writes the write-ahead log into the database file and truncates it, so the rows an erasure
   * deleted are no longer in the log. Retried while the sink's transaction is open.
   */
  void checkpoint() {
    SQLException last = null;
    for (int attempt = 0; attempt < 8; attempt++) {
      try (Connection c = root.duplicate();
          var s = c.createStatement()) {
        s.execute("CHECKPOINT");
        return;
      } catch (SQLException e) {
        last = e;
        sleep(50L << attempt);
      }
    }
    throw new StoreException(
        "could not checkpoint the store after an erasure: " + last.getMessage(), last);
  }

  private static void withdrawFromRollups(Connection c, List<String> identities)
      throws SQLException {
    try (var s = c.createStatement()) {
      s.execute("CREATE OR REPLACE TEMP TABLE erase_ids (id VARCHAR)");
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO erase_ids VALUES (?)")) {
      for (String id : identities) {
        ps.setString(1, id);
        ps.executeUpdate();
      }
    }
    String ids = "(SELECT id FROM erase_ids)";
    String where = "user_key IN " + ids + " OR user_id IN " + ids + " OR anonymous_id IN " + ids;
    try (var s = c.createStatement()) {
      for (String step : DuckDbRollups.withdraw(where)) {
        s.execute(step);
      }
    }
  }

  private static void bind(PreparedStatement ps, PersonalTable t, List<String> identities)
      throws SQLException {
    int i = 1;
    for (int round = 0; round < t.bindings(); round++) {
      for (String id : identities) {
        ps.setString(i++, id);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
