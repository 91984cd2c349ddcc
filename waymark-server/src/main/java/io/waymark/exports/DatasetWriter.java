package io.waymark.exports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.insights.DailyReport;
import io.waymark.store.DailyExtracts;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;

/**
 * Writes one dataset of one UTC day to a file: the store's extracts straight from DuckDB, the daily
 * report (a single row from Insights) through an in-memory DuckDB so all formats come from the same
 * writer.
 */
final class DatasetWriter {

  private static final String REPORT_TABLE =
      "CREATE TABLE report (\"date\" DATE, events BIGINT, users BIGINT, new_users BIGINT,"
          + " returning_users BIGINT, sessions BIGINT, orders BIGINT, revenue VARCHAR,"
          + " conversion_rate DOUBLE, user_conversion_rate DOUBLE, product_view_sessions BIGINT,"
          + " cart_sessions BIGINT, checkout_sessions BIGINT, purchase_sessions BIGINT,"
          + " events_by_type VARCHAR)";

  private final DailyExtracts extracts;
  private final DailyReport.Source reports;
  private final ObjectMapper json;

  DatasetWriter(DailyExtracts extracts, DailyReport.Source reports, ObjectMapper json) {
    this.extracts = extracts;
    this.reports = reports;
    this.json = json;
  }

  /** Writes the dataset to {@code target}; returns its rows. */
  long write(ExportDataset d, LocalDate day, ExportFormat f, Path target) throws SQLException {
    if (d.extract != null) {
      return extracts.copy(d.extract, day, target, f.copyOptions, shaping(f));
    }
    return report(reports.day(day), f, target);
  }

  private long report(DailyReport r, ExportFormat f, Path target) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement s = c.createStatement()) {
        s.execute(REPORT_TABLE);
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO report VALUES (?::DATE, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, r.date().toString());
        ps.setLong(2, r.events());
        ps.setLong(3, r.users());
        ps.setLong(4, r.newUsers());
        ps.setLong(5, r.returningUsers());
        ps.setLong(6, r.sessions());
        ps.setLong(7, r.orders());
        ps.setString(8, text(r.revenue()));
        nullableDouble(ps, 9, r.conversionRate());
        nullableDouble(ps, 10, r.userConversionRate());
        ps.setLong(11, r.productViewSessions());
        ps.setLong(12, r.cartSessions());
        ps.setLong(13, r.checkoutSessions());
        ps.setLong(14, r.purchaseSessions());
        ps.setString(15, text(r.eventsByType()));
        ps.executeUpdate();
      }
      return DailyExtracts.copy(
          c, shaping(f).shape(c, "SELECT * FROM report"), target, f.copyOptions);
    }
  }

  /** CSV cells are guarded against formula injection; the other formats keep values exactly. */
  private static DailyExtracts.Shaping shaping(ExportFormat f) {
    return f == ExportFormat.CSV ? CsvFormulas.GUARD : DailyExtracts.Shaping.AS_IS;
  }

  private static void nullableDouble(PreparedStatement ps, int i, Double v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.DOUBLE);
    } else {
      ps.setDouble(i, v);
    }
  }

  private String text(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the report's " + value, e);
    }
  }
}
