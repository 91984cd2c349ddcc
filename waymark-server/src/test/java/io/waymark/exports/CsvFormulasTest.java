package io.waymark.exports;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.store.DailyExtracts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV formula guard on a real DuckDB copy: text cells only, order and names kept. */
class CsvFormulasTest {

  @TempDir Path dir;

  @Test
  void prefixesTextCellsThatStartAFormulaAndLeavesNumbersAndOtherTextAlone() throws Exception {
    Path out = dir.resolve("t.csv");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (n INTEGER, amount DOUBLE, \"text\" VARCHAR)");
      s.execute(
          "INSERT INTO t VALUES (1, -5.5, '=HYPERLINK(\"http://x\")'), (2, 1, '+1'), (3, 2, '-2+3'),"
              + " (4, 3, '@SUM(A1)'), (5, 4, chr(9) || 'tab'), (6, 5, chr(13) || 'cr'),"
              + " (7, 6, 'plain = text'), (8, 7, NULL), (9, 8, '')");
      String select = CsvFormulas.guard(c, "SELECT * FROM t ORDER BY n");
      DailyExtracts.copy(c, select, out, "FORMAT csv, HEADER true");
    }
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(lines.getFirst()).isEqualTo("n,amount,text");
    assertThat(String.join("\n", lines))
        .contains("1,-5.5,\"'=HYPERLINK(\"\"http://x\"\")\"")
        .contains("2,1.0,'+1")
        .contains("3,2.0,'-2+3")
        .contains("4,3.0,'@SUM(A1)")
        .contains("5,4.0,'\ttab")
        .contains("7,6.0,plain = text")
        .contains("8,7.0,\n")
        .doesNotContain(",=")
        .doesNotContain(",+")
        .doesNotContain(",@");
    assertThat(String.join("\n", lines)).containsSubsequence("1,", "2,", "3,", "4,", "5,", "9,");
    assertThat(CsvFormulas.cell("\rx")).isEqualTo("'\rx");
    assertThat(CsvFormulas.cell("x=1")).isEqualTo("x=1");
    assertThat(CsvFormulas.cell(null)).isNull();
  }
}
