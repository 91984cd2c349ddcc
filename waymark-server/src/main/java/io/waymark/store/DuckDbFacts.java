package io.waymark.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The fact tables in DuckDB, written on a connection of their own. A batch is appended (DuckDB's
 * Appender: a prepared insert per row cost milliseconds) into a per-table staging table; the stored
 * rows the batch supersedes are deleted and the batch is inserted where no row is left, all in one
 * transaction. Identical rows are left alone, so their provenance stays.
 */
final class DuckDbFacts implements FactStore, AutoCloseable {

  /** The incoming row {@code s} replaces the stored row {@code t} (see {@link FactVersions}). */
  private static final String TRANSACTION_WINS =
      "s.ts > t.ts OR (s.ts = t.ts AND ("
          + rank("s.status", FactVersions.TRANSACTION_RANKS)
          + " > "
          + rank("t.status", FactVersions.TRANSACTION_RANKS)
          + " OR ("
          + rank("s.status", FactVersions.TRANSACTION_RANKS)
          + " = "
          + rank("t.status", FactVersions.TRANSACTION_RANKS)
          + " AND "
          + distinct(
              "order_id", "user_id", "status", "amount", "currency", "payment_method", "items")
          + ")))";

  private static final String TICKET_WINS =
      rank("s.status", FactVersions.TICKET_RANKS)
          + " > "
          + rank("t.status", FactVersions.TICKET_RANKS)
          + " OR ("
          + rank("s.status", FactVersions.TICKET_RANKS)
          + " = "
          + rank("t.status", FactVersions.TICKET_RANKS)
          + " AND "
          + distinct(
              "user_id", "created_at", "closed_at", "status", "channel", "subject", "satisfaction")
          + ")";

  private static final String PRODUCT_WINS =
      "s.updated_at > t.updated_at OR (s.updated_at = t.updated_at AND "
          + distinct("name", "category", "brand", "price", "currency", "description")
          + ")";

  private final DuckDbStore store;

  /**
   * Every call takes a fresh connection to the store's current file (a compaction swaps the file),
   * and writes go through {@link DuckDbStore#writeOutsideSink} so a compaction in progress replays
   * them into the rewritten file.
   */
  DuckDbFacts(DuckDbStore store) {
    this.store = store;
  }

  /** Prepares a fresh connection: the per-connection staging tables, manual commits. */
  private static DuckDBConnection prepared(DuckDBConnection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (FactTable t : FactTable.values()) {
        s.execute(
            "CREATE TEMP TABLE IF NOT EXISTS staging_"
                + t.table
                + " AS SELECT * EXCLUDE (import_id, imported_at) FROM "
                + t.table
                + " LIMIT 0");
      }
    }
    c.setAutoCommit(false);
    return c;
  }

  private static String rank(String column, Map<String, Integer> order) {
    StringBuilder b = new StringBuilder("CASE " + column);
    new TreeMap<>(order)
        .forEach((k, v) -> b.append(" WHEN '").append(k).append("' THEN ").append(v));
    return b.append(" ELSE -1 END").toString();
  }

  private static String distinct(String... columns) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < columns.length; i++) {
      b.append(i == 0 ? "" : " OR ")
          .append("s.")
          .append(columns[i])
          .append(" IS DISTINCT FROM t.")
          .append(columns[i]);
    }
    return b.append(")").toString();
  }

  @Override
  public synchronized void upsertTransactions(List<Transaction> rows, Provenance provenance) {
    upsert(
        FactTable.TRANSACTIONS,
        FactVersions.latestTransactions(rows),
        (a, r) -> {
          a.append(r.transactionId());
          str(a, r.orderId());
          a.append(r.userId());
          a.appendEpochMicros(r.timestamp() * 1000);
          a.append(r.status());
          a.append(r.amount());
          a.append(r.currency());
          str(a, r.paymentMethod());
          str(a, r.items());
        },
        TRANSACTION_WINS,
        provenance);
  }

  @Override
  public synchronized void upsertTickets(List<SupportTicket> rows, Provenance provenance) {
    upsert(
        FactTable.SUPPORT_TICKETS,
        FactVersions.latestTickets(rows),
        (a, r) -> {
          a.append(r.ticketId());
          a.append(r.userId());
          a.appendEpochMicros(r.createdAt() * 1000);
          if (r.closedAt() == null) {
            a.appendNull();
          } else {
            a.appendEpochMicros(r.closedAt() * 1000);
          }
          a.append(r.status());
          str(a, r.channel());
          str(a, r.subject());
          if (r.satisfaction() == null) {
            a.appendNull();
          } else {
            a.append(r.satisfaction().shortValue());
          }
        },
        TICKET_WINS,
        provenance);
  }

  @Override
  public synchronized void upsertCatalogue(List<CatalogueItem> rows, Provenance provenance) {
    upsert(
        FactTable.CATALOGUE_ITEMS,
        FactVersions.latestProducts(rows),
        (a, r) -> {
          a.append(r.productId());
          a.append(r.name());
          a.append(r.category());
          str(a, r.brand());
          if (r.price() == null) {
            a.appendNull();
          } else {
            a.append(r.price());
          }
          str(a, r.currency());
          str(a, r.description());
          a.appendEpochMicros(r.updatedAt() * 1000);
        },
        PRODUCT_WINS,
        provenance);
  }

  private interface RowAppender<T> {
    void append(DuckDBAppender a, T row) throws SQLException;
  }

  private static void str(DuckDBAppender a, String v) throws SQLException {
    if (v == null) {
      a.appendNull();
    } else {
      a.append(v);
    }
  }

  private <T> void upsert(
      FactTable t,
      Collection<T> rows,
      RowAppender<T> appender,
      String incomingWins,
      Provenance provenance) {
    if (rows.isEmpty()) {
      return;
    }
    store.writeOutsideSink(
        c -> {
          upsert(prepared(c), t, rows, appender, incomingWins, provenance);
          return null;
        });
  }

  private <T> void upsert(
      DuckDBConnection conn,
      FactTable t,
      Collection<T> rows,
      RowAppender<T> appender,
      String incomingWins,
      Provenance provenance) {
    String staging = "staging_" + t.table;
    try {
      try (DuckDBAppender a = conn.createAppender("temp", "main", staging)) {
        for (T row : rows) {
          a.beginRow();
          appender.append(a, row);
          a.endRow();
        }
      }
      try (Statement s = conn.createStatement()) {
        s.execute(
            "DELETE FROM "
                + t.table
                + " t USING "
                + staging
                + " s WHERE t."
                + t.key
                + " = s."
                + t.key
                + " AND ("
                + incomingWins
                + ")");
      }
      try (PreparedStatement ps =
          conn.prepareStatement(
              "INSERT OR IGNORE INTO "
                  + t.table
                  + " SELECT *, ?, epoch_ms(?::BIGINT) FROM "
                  + staging)) {
        ps.setString(1, provenance.importId());
        ps.setLong(2, provenance.importedAt());
        ps.executeUpdate();
      }
      try (Statement s = conn.createStatement()) {
        s.execute("DELETE FROM " + staging);
      }
      conn.commit();
    } catch (SQLException | RuntimeException e) {
      rollback(conn);
      throw new StoreException(
          "writing " + rows.size() + " rows to " + t.table + " failed: " + e.getMessage(), e);
    }
  }

  private static void rollback(DuckDBConnection conn) {
    try {
      conn.rollback();
      try (Statement s = conn.createStatement()) {
        for (FactTable t : FactTable.values()) {
          s.execute("DELETE FROM staging_" + t.table);
        }
      }
      conn.commit();
    } catch (SQLException ignored) {
      // the original failure is what matters
    }
  }

  @Override
  public synchronized Optional<Transaction> transaction(String transactionId) {
    return one(
        "SELECT transaction_id, order_id, user_id, epoch_ms(ts), status, amount, currency,"
            + " payment_method, items FROM transactions WHERE transaction_id = ?",
        transactionId,
        rs ->
            new Transaction(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getString(5),
                rs.getBigDecimal(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9)));
  }

  @Override
  public synchronized Optional<SupportTicket> ticket(String ticketId) {
    return one(
        "SELECT ticket_id, user_id, epoch_ms(created_at), epoch_ms(closed_at), status, channel,"
            + " subject, satisfaction FROM support_tickets WHERE ticket_id = ?",
        ticketId,
        rs -> {
          long closed = rs.getLong(4);
          Long closedAt = rs.wasNull() ? null : closed;
          int sat = rs.getInt(8);
          Integer satisfaction = rs.wasNull() ? null : sat;
          return new SupportTicket(
              rs.getString(1),
              rs.getString(2),
              rs.getLong(3),
              closedAt,
              rs.getString(5),
              rs.getString(6),
              rs.getString(7),
              satisfaction);
        });
  }

  @Override
  public synchronized Optional<CatalogueItem> catalogueItem(String productId) {
    return one(
        "SELECT product_id, name, category, brand, price, currency, description,"
            + " epoch_ms(updated_at) FROM catalogue_items WHERE product_id = ?",
        productId,
        rs ->
            new CatalogueItem(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getBigDecimal(5),
                rs.getString(6),
                rs.getString(7),
                rs.getLong(8)));
  }

  @Override
  public synchronized String lastImportOf(FactTable table, String id) {
    return one(
            "SELECT import_id FROM " + table.table + " WHERE " + table.key + " = ?",
            id,
            rs -> rs.getString(1))
        .orElse(null);
  }

  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> Optional<T> one(String sql, String id, RowReader<T> reader) {
    return store.readOutsideSink(c -> one(c, sql, id, reader));
  }

  private static <T> Optional<T> one(
      DuckDBConnection conn, String sql, String id, RowReader<T> reader) {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(reader.read(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("store query failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized long countByUser(FactTable table, Collection<String> userIds) {
    return byUser("SELECT count(*) FROM " + table.table, table, userIds, true);
  }

  @Override
  public synchronized long deleteByUser(FactTable table, Collection<String> userIds) {
    return byUser("DELETE FROM " + table.table, table, userIds, false);
  }

  private long byUser(String sql, FactTable table, Collection<String> userIds, boolean query) {
    if (table == FactTable.CATALOGUE_ITEMS) {
      throw new IllegalArgumentException("catalogue_items holds no user data");
    }
    if (userIds.isEmpty()) {
      return 0;
    }
    return query
        ? store.readOutsideSink(c -> byUser(c, sql, table, userIds, true))
        : store.writeOutsideSink(c -> byUser(c, sql, table, userIds, false));
  }

  private static long byUser(
      DuckDBConnection conn,
      String sql,
      FactTable table,
      Collection<String> userIds,
      boolean query) {
    try (PreparedStatement ps = conn.prepareStatement(sql + " WHERE list_contains(?, user_id)")) {
      ps.setArray(1, conn.createArrayOf("VARCHAR", userIds.toArray()));
      long n;
      if (query) {
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          n = rs.getLong(1);
        }
      } else {
        n = ps.executeUpdate();
      }
      return n;
    } catch (SQLException e) {
      throw new StoreException(
          "store " + (query ? "count" : "erase") + " on " + table.table + " failed: " + e, e);
    }
  }

  @Override
  public void close() {
    // connections are per call
  }
}
