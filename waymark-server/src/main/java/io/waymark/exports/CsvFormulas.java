package io.waymark.exports;

import io.waymark.store.DailyExtracts;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV guard against formula injection (OWASP "CSV Injection"): a spreadsheet opening an export
 * runs a cell that starts with {@code = + - @}, a tab or a carriage return as a formula, so such a
 * text cell is written with a leading apostrophe, which spreadsheets show as text. Only text
 * columns are guarded (a negative number stays a number), and only in CSV: Parquet and NDJSON keep
 * the values exactly.
 */
final class CsvFormulas {

  /** The characters a spreadsheet may read as the start of a formula. */
  static final String STARTS = "=+-@\t\r";

  /** The shaping that guards a query's text columns. */
  static final DailyExtracts.Shaping GUARD = CsvFormulas::guard;

  private CsvFormulas() {}

  /** The cell as the guard writes it (the rule, for tests and the docs). */
  static String cell(String value) {
    return value != null && !value.isEmpty() && STARTS.indexOf(value.charAt(0)) >= 0
        ? "'" + value
        : value;
  }

  /** {@code select} with each text column passed through the guard, same names and order. */
  static String guard(Connection c, String select) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("DESCRIBE " + select)) {
      while (rs.next()) {
        String name = '"' + rs.getString("column_name").replace("\"", "\"\"") + '"';
        columns.add(
            "VARCHAR".equals(rs.getString("column_type"))
                ? "CASE WHEN left("
                    + name
                    + ", 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || "
                    + name
                    + " ELSE "
                    + name
                    + " END AS "
                    + name
                : name);
      }
    }
    return "SELECT " + String.join(", ", columns) + " FROM (" + select + ") AS guarded";
  }
}
