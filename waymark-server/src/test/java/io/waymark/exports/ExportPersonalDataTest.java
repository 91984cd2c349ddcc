package io.waymark.exports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.privacy.ErasureSubject;
import io.waymark.store.DailyExtracts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kept export files as a holder of personal data: counted, rewritten without the person. */
class ExportPersonalDataTest {

  private static final LocalDate DAY = LocalDate.parse("2026-03-01");
  private static final String EVENTS =
      "SELECT * FROM (VALUES ('e1', 'ann', 'ann', NULL, '/a'), ('e2', 'anon-1', NULL, 'anon-1', '/b'),"
          + " ('e3', 'bob', 'bob', NULL, '/c')) t(event_id, user_key, user_id, anonymous_id, page_url)";

  @TempDir Path dir;
  private ExportFiles files;
  private ExportPersonalData holder;
  private final ErasureSubject ann = new ErasureSubject("ann", List.of("ann", "anon-1"));

  @BeforeEach
  void keptFiles() throws Exception {
    files = new ExportFiles(dir.resolve("exports"));
    holder = new ExportPersonalData(files, new ObjectMapper());
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      for (ExportFormat f : ExportFormat.values()) {
        Path p = files.kept("exp-" + f.extension, DAY, "events." + f.extension);
        Files.createDirectories(p.getParent());
        DailyExtracts.copy(c, EVENTS, p, f.copyOptions);
        Path report = files.kept("exp-" + f.extension, DAY, "daily_report." + f.extension);
        DailyExtracts.copy(c, "SELECT 'ann' AS note", report, f.copyOptions);
        Path empty = files.kept("exp-" + f.extension, DAY.minusDays(1), "events." + f.extension);
        Files.createDirectories(empty.getParent());
        DailyExtracts.copy(c, EVENTS + " WHERE false", empty, f.copyOptions);
      }
    }
  }

  @Test
  void rewritesEachFormatWithoutThePersonAndKeepsEveryoneElse() throws Exception {
    assertThat(holder.count(ann)).isEqualTo(6); // two rows in each of three formats
    assertThat(holder.erase(ann)).isEqualTo(6);
    assertThat(holder.count(ann)).isZero();
    assertThat(holder.erase(ann)).isZero();
    for (ExportFormat f : ExportFormat.values()) {
      Path p = files.kept("exp-" + f.extension, DAY, "events." + f.extension);
      assertThat(userKeys(p, f)).as(f.name()).containsExactly("bob");
      if (f != ExportFormat.PARQUET) {
        assertThat(Files.readString(p, StandardCharsets.UTF_8)).doesNotContain("ann", "anon-1");
      }
    }
    try (var left = Files.walk(files.root())) {
      assertThat(left.filter(p -> p.getFileName().toString().endsWith(".erasing"))).isEmpty();
    }
  }

  @Test
  void theReportNamesNobodyAndIsLeftAlone() throws Exception {
    Path report = files.kept("exp-csv", DAY, "daily_report.csv");
    String before = Files.readString(report);
    holder.erase(ann);
    assertThat(Files.readString(report)).isEqualTo(before);
  }

  private static List<String> userKeys(Path p, ExportFormat f) throws Exception {
    String source =
        switch (f) {
          case PARQUET -> "read_parquet('" + p + "')";
          case CSV -> "read_csv('" + p + "', header = true)";
          case NDJSON -> "read_json('" + p + "', format = 'newline_delimited')";
        };
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        ResultSet rs =
            c.createStatement().executeQuery("SELECT user_key FROM " + source + " ORDER BY 1")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
