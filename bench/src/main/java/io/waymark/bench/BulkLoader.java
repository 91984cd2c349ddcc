package io.waymark.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fills the server's DuckDB store directly (with the server stopped) with the synthetic history of
 * {@link DatasetSql}: {@code INSERT ... SELECT} inside DuckDB, a chunk of events per statement,
 * then one row per user, then a checkpoint.
 *
 * <p>The server owns the schema, so the column lists are read from {@code
 * information_schema.columns}: columns the loader does not know get their default (NULL unless the
 * schema says otherwise); an unknown NOT NULL column without a default stops the load.
 */
final class BulkLoader {

  static final long DEFAULT_CHUNK_ROWS = 5_000_000;

  /** How long each step of a load took. */
  record Outcome(
      long events, long users, Duration eventsTime, Duration usersTime, Duration checkpoint) {

    double eventsPerSecond() {
      return events / Math.max(1e-9, eventsTime.toNanos() / 1e9);
    }
  }

  /** A column of a table as {@code information_schema} describes it. */
  record Column(String name, String type, boolean nullable, boolean hasDefault) {}

  /** A table of the store, wherever the server's schema put it. */
  record TableRef(String schema, String name) {

    String sql() {
      return '"' + schema + "\".\"" + name + '"';
    }
  }

  private BulkLoader() {}

  static Outcome load(Path dbFile, DatasetSql.Plan plan, long chunkRows, PrintStream out)
      throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + dbFile.toAbsolutePath());
        Statement sql = db.createStatement()) {
      TableRef events = table(db, "events", dbFile);
      TableRef users = table(db, "users", dbFile);
      String eventsInsert =
          insertHead(events.sql(), columns(db, events), DatasetSql.eventColumns(), out);
      String usersInsert =
          insertHead(users.sql(), columns(db, users), DatasetSql.userColumns(), out);

      for (String statement : DatasetSql.setup(plan, chunkRows)) {
        sql.execute(statement);
      }
      long start = System.nanoTime();
      for (long from = 0; from < plan.events(); from += chunkRows) {
        long to = Math.min(plan.events(), from + chunkRows);
        sql.executeUpdate(
            eventsInsert + " FROM (" + DatasetSql.generatedRows(plan, from, to) + ") g");
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(
            "  events %s / %s (%.0f%%), %s rows/s%n",
            Formats.count(to),
            Formats.count(plan.events()),
            100.0 * to / plan.events(),
            Formats.rate(to / seconds));
      }
      Duration eventsTime = Duration.ofNanos(System.nanoTime() - start);

      start = System.nanoTime();
      long userRows =
          sql.executeUpdate(
              usersInsert + " FROM (" + DatasetSql.userAggregates(events.sql()) + ") g");
      Duration usersTime = Duration.ofNanos(System.nanoTime() - start);
      out.printf(
          "  users %s in %s%n", Formats.count(userRows), Formats.seconds(seconds(usersTime)));

      start = System.nanoTime();
      sql.execute("CHECKPOINT");
      Duration checkpoint = Duration.ofNanos(System.nanoTime() - start);
      return new Outcome(plan.events(), userRows, eventsTime, usersTime, checkpoint);
    }
  }

  /**
   * {@code INSERT INTO table (known columns) SELECT CAST(expression AS column type), ...}, to be
   * followed by {@code FROM (rows) g}.
   */
  static String insertHead(
      String table, List<Column> columns, Map<String, String> known, PrintStream out) {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    List<String> defaulted = new ArrayList<>();
    for (Column column : columns) {
      String expression = known.get(column.name());
      if (expression != null) {
        names.add('"' + column.name() + '"');
        values.add("CAST(" + expression + " AS " + column.type() + ")");
      } else if (column.nullable() || column.hasDefault()) {
        defaulted.add(column.name());
      } else {
        throw new IllegalStateException(
            "table "
                + table
                + " has a NOT NULL column '"
                + column.name()
                + "' ("
                + column.type()
                + ") that the bench loader does not know; add an expression for it to"
                + " DatasetSql.eventColumns/userColumns");
      }
    }
    List<String> missing =
        known.keySet().stream()
            .filter(name -> columns.stream().noneMatch(c -> c.name().equals(name)))
            .toList();
    if (!defaulted.isEmpty()) {
      out.println("  " + table + ": columns left to their default: " + defaulted);
    }
    if (!missing.isEmpty()) {
      out.println("  " + table + ": expected columns not in the schema, skipped: " + missing);
    }
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", names)
        + ") SELECT "
        + String.join(", ", values);
  }

  static List<Column> columns(Connection db, TableRef table) throws SQLException {
    List<Column> columns = new ArrayList<>();
    try (PreparedStatement query =
        db.prepareStatement(
            "SELECT column_name, data_type, is_nullable, column_default"
                + " FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
                + " ORDER BY ordinal_position")) {
      query.setString(1, table.schema());
      query.setString(2, table.name());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          columns.add(
              new Column(
                  rows.getString(1),
                  rows.getString(2),
                  "YES".equals(rows.getString(3)),
                  rows.getString(4) != null));
        }
      }
    }
    return columns;
  }

  /** The one base table called {@code table}, in whichever schema the server put it. */
  static TableRef table(Connection db, String table, Path dbFile) throws SQLException {
    List<TableRef> found = new ArrayList<>();
    try (PreparedStatement query =
        db.prepareStatement(
            "SELECT table_schema FROM information_schema.tables"
                + " WHERE table_name = ? AND table_type = 'BASE TABLE'"
                + " AND table_catalog = current_database()")) {
      query.setString(1, table);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          found.add(new TableRef(rows.getString(1), table));
        }
      }
    }
    if (found.size() != 1) {
      throw new IllegalStateException(
          (found.isEmpty()
                  ? "no table '" + table + "'"
                  : "several tables '" + table + "': " + found)
              + " in "
              + dbFile
              + "; the server should create its schema on first start (check server.log)");
    }
    return found.getFirst();
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
