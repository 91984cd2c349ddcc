package io.waymark.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SQL of a compaction: copy every table of the open database into an attached fresh one
 * (events, sessions and users in the order their lookups need), then add the constraints and
 * indexes, which DuckDB builds far faster over loaded data than row by row during the copy.
 */
final class DuckDbCopy {

  /** The physical order per table; tables not listed are copied as they are. */
  static final Map<String, String> ORDER =
      Map.of(
          "events", "user_key, ts, event_id",
          "sessions", "user_key, start_ts, session_id",
          "users", "user_key");

  private DuckDbCopy() {}

  /** Ends any open transaction and detaches {@code alias} if attached; errors are ignored. */
  static void detachQuietly(Connection c, String alias) {
    // A failed statement is closed by the driver: one statement per step.
    try (Statement s = c.createStatement()) {
      s.execute("ROLLBACK");
    } catch (SQLException noTransaction) {
      // nothing to roll back
    }
    try (Statement s = c.createStatement()) {
      s.execute("DETACH DATABASE IF EXISTS " + alias);
    } catch (SQLException e) {
      org.slf4j.LoggerFactory.getLogger(DuckDbCopy.class)
          .warn("could not detach {} after a failed compaction: {}", alias, e.getMessage());
    }
  }

  /** Attaches {@code fresh} as {@code alias} and returns the name of the current database. */
  static String attach(Connection c, Path fresh, String alias) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("ATTACH '" + fresh.toString().replace("'", "''") + "' AS " + alias);
      try (ResultSet rs = s.executeQuery("SELECT current_database()")) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /**
   * Copies every table of {@code source} into {@code target} in the open transaction and commits;
   * returns the rows copied into events and sessions.
   */
  static long[] copyTables(Connection c, String source, String target) throws SQLException {
    List<String> tables =
        strings(
            c,
            "SELECT table_name FROM duckdb_tables() WHERE database_name = ? AND schema_name ="
                + " 'main' ORDER BY table_name",
            source);
    long[] rows = new long[2];
    try (Statement s = c.createStatement()) {
      for (String table : tables) {
        String order = ORDER.get(table);
        s.execute(
            "CREATE TABLE "
                + q(target)
                + ".main."
                + q(table)
                + " AS SELECT * FROM "
                + q(source)
                + ".main."
                + q(table)
                + (order == null ? "" : " ORDER BY " + order));
      }
      rows[0] = count(s, target, "events");
      rows[1] = count(s, target, "sessions");
      s.execute("COMMIT");
    }
    return rows;
  }

  /** Recreates in {@code target} the NOT NULL and key constraints and the indexes of source. */
  static void restoreConstraintsAndIndexes(Connection c, String source, String target)
      throws SQLException {
    List<String> ddl = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = ? AND"
                + " schema_name = 'main' AND NOT is_nullable ORDER BY table_name, column_index")) {
      ps.setString(1, source);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ddl.add(
              "ALTER TABLE "
                  + q(target)
                  + ".main."
                  + q(rs.getString(1))
                  + " ALTER COLUMN "
                  + q(rs.getString(2))
                  + " SET NOT NULL");
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT table_name, constraint_type, array_to_string(constraint_column_names, ',')"
                + " FROM duckdb_constraints() WHERE database_name = ? AND schema_name = 'main'"
                + " AND constraint_type IN ('PRIMARY KEY', 'UNIQUE') ORDER BY table_name")) {
      ps.setString(1, source);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String table = q(target) + ".main." + q(rs.getString(1));
          String columns = quotedList(rs.getString(3));
          ddl.add(
              rs.getString(2).equals("PRIMARY KEY")
                  ? "ALTER TABLE " + table + " ADD PRIMARY KEY (" + columns + ")"
                  : "CREATE UNIQUE INDEX ON " + table + " (" + columns + ")");
        }
      }
    }
    List<String> indexes =
        strings(
            c,
            "SELECT sql FROM duckdb_indexes() WHERE database_name = ? AND schema_name = 'main'"
                + " AND sql IS NOT NULL ORDER BY index_name",
            source);
    try (Statement s = c.createStatement()) {
      for (String statement : ddl) {
        s.execute(statement);
      }
      // duckdb_indexes() gives each index's own CREATE statement with unqualified names: run
      // them with the fresh database as the default one.
      s.execute("USE " + target);
      try {
        for (String statement : indexes) {
          s.execute(statement);
        }
      } finally {
        s.execute("USE " + q(source));
      }
    }
  }

  private static long count(Statement s, String db, String table) throws SQLException {
    try (ResultSet rs =
        s.executeQuery(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = '"
                + db
                + "' AND table_name = '"
                + table
                + "'")) {
      rs.next();
      if (rs.getLong(1) == 0) {
        return 0;
      }
    }
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + q(db) + ".main." + q(table))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> strings(Connection c, String sql, String arg) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static String quotedList(String commaSeparated) {
    List<String> out = new ArrayList<>();
    for (String column : commaSeparated.split(",")) {
      out.add(q(column.trim()));
    }
    return String.join(", ", out);
  }

  private static String q(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
