package io.waymark.exports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.privacy.ErasureSubject;
import io.waymark.privacy.PersonalDataHolder;
import io.waymark.store.DailyExtracts;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The export files Waymark keeps under the data directory, as a holder of personal data: a file
 * holding rows of the subject is rewritten without them (into a temporary file, then renamed over
 * it). Files already delivered to a directory or a webhook are outside Waymark's reach.
 */
final class ExportPersonalData implements PersonalDataHolder {

  private final ExportFiles files;
  private final ObjectMapper json;

  ExportPersonalData(ExportFiles files, ObjectMapper json) {
    this.files = files;
    this.json = json;
  }

  @Override
  public String holderName() {
    return "exports.files";
  }

  @Override
  public long count(ErasureSubject subject) {
    files.lock.lock();
    try {
      long n = 0;
      for (Path f : files.allKept()) {
        n += rows(f, subject.identities(), false);
      }
      return n;
    } finally {
      files.lock.unlock();
    }
  }

  @Override
  public long erase(ErasureSubject subject) {
    files.lock.lock();
    try {
      long n = 0;
      for (Path f : files.allKept()) {
        n += rows(f, subject.identities(), true);
      }
      return n;
    } finally {
      files.lock.unlock();
    }
  }

  /** The subject's rows in one kept file; with {@code rewrite}, the file is rewritten without. */
  private long rows(Path file, List<String> ids, boolean rewrite) {
    String name = file.getFileName().toString();
    ExportDataset dataset = ExportDataset.parse(name.substring(0, Math.max(0, name.indexOf('.'))));
    ExportFormat format = ExportFormat.ofFile(name);
    if (dataset == null || format == null || dataset.personColumns.isEmpty()) {
      return 0;
    }
    try {
      if (format == ExportFormat.CSV && !hasRows(file)) {
        return 0; // a header only: nothing to match, and DuckDB cannot sniff an empty CSV
      }
      return format == ExportFormat.NDJSON
          ? ndjson(file, dataset.personColumns, ids, rewrite)
          : withDuckDb(file, format, dataset.personColumns, ids, rewrite);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot erase from the export file " + file, e);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot erase from the export file " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean hasRows(Path csv) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      return in.readLine() != null && in.readLine() != null;
    }
  }

  private static long withDuckDb(
      Path file, ExportFormat format, List<String> columns, List<String> ids, boolean rewrite)
      throws SQLException, IOException {
    String source =
        format == ExportFormat.PARQUET
            ? "read_parquet(" + DailyExtracts.literal(file.toString()) + ")"
            : "read_csv("
                + DailyExtracts.literal(file.toString())
                + ", header = true, all_varchar = true)";
    String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
    String match =
        columns.stream().map(c -> c + " IN (" + marks + ")").collect(Collectors.joining(" OR "));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      long found;
      try (PreparedStatement ps =
          c.prepareStatement("SELECT count(*) FROM " + source + " WHERE " + match)) {
        int i = 1;
        for (int k = 0; k < columns.size(); k++) {
          for (String id : ids) {
            ps.setString(i++, id);
          }
        }
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          found = rs.getLong(1);
        }
      }
      if (found == 0 || !rewrite) {
        return found;
      }
      // COPY takes no parameters: the identities go in as literals.
      String keep =
          columns.stream()
              .map(
                  col ->
                      "coalesce("
                          + col
                          + " NOT IN ("
                          + ids.stream()
                              .map(DailyExtracts::literal)
                              .collect(Collectors.joining(", "))
                          + "), true)")
              .collect(Collectors.joining(" AND "));
      Path tmp = file.resolveSibling("." + file.getFileName() + ".erasing");
      DailyExtracts.copy(c, "SELECT * FROM " + source + " WHERE " + keep, tmp, format.copyOptions);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return found;
    }
  }

  private long ndjson(Path file, List<String> columns, List<String> ids, boolean rewrite)
      throws IOException {
    long found = 0;
    Path tmp = file.resolveSibling("." + file.getFileName() + ".erasing");
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        BufferedWriter out =
            rewrite ? Files.newBufferedWriter(tmp, StandardCharsets.UTF_8) : null) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        if (names(json.readTree(line), columns, ids)) {
          found++;
        } else if (out != null) {
          out.write(line);
          out.write('\n');
        }
      }
    }
    if (rewrite && found > 0) {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.deleteIfExists(tmp);
    }
    return found;
  }

  private static boolean names(JsonNode row, List<String> columns, List<String> ids) {
    for (String c : columns) {
      JsonNode v = row.get(c);
      if (v != null && v.isTextual() && ids.contains(v.asText())) {
        return true;
      }
    }
    return false;
  }
}
