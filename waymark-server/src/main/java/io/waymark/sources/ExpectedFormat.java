package io.waymark.sources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a fetched file looks like the kind the source imports, before any of it reaches the
 * import: an answer of the wrong type (a login page, an error page, another service's data) fails
 * the run with a clear error instead of having its lines quarantined, where analysts would read
 * them. Checked: the {@code Content-Type} of an HTTP answer, and the first bytes of every file.
 */
final class ExpectedFormat {

  private static final Set<String> JSON_TYPES =
      Set.of(
          "application/json",
          "application/x-ndjson",
          "application/ndjson",
          "application/jsonl",
          "application/x-jsonlines",
          "text/json",
          "text/plain",
          "application/octet-stream");
  private static final Set<String> CSV_TYPES =
      Set.of(
          "text/csv",
          "application/csv",
          "text/comma-separated-values",
          "application/vnd.ms-excel",
          "text/plain",
          "application/octet-stream");

  private ExpectedFormat() {}

  /** Fails when the answer's declared type cannot be a file of {@code kind}; none is fine. */
  static void checkContentType(String kind, Optional<String> contentType, String where)
      throws SourceFetcher.Failed {
    if (contentType.isEmpty()) {
      return;
    }
    String type = contentType.get().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    boolean csv = kind.equals("transactions");
    boolean ok =
        csv ? CSV_TYPES.contains(type) : JSON_TYPES.contains(type) || type.endsWith("+json");
    if (!ok) {
      throw new SourceFetcher.Failed(
          where
              + " answered with Content-Type "
              + type
              + ", not a "
              + kind
              + " file ("
              + (csv ? "CSV" : "JSON")
              + "); nothing was imported. Check the source's URL: it may lead to a login or"
              + " error page");
    }
  }

  /**
   * Fails when the file's first bytes cannot start a file of {@code kind}: a JSON array for
   * catalogue and tickets, an array or one JSON object per line for clickstream; transactions are
   * checked by their header line in the import itself, which reads no row before it.
   */
  static void checkStart(String kind, Path file, String what) throws SourceFetcher.Failed {
    if (kind.equals("transactions")) {
      return;
    }
    int first;
    try (InputStream in = Files.newInputStream(file)) {
      first = firstSignificant(in.readNBytes(4096));
    } catch (IOException e) {
      throw new SourceFetcher.Failed("cannot read back " + what + " (" + e + ")");
    }
    boolean ok = first < 0 || first == '[' || (kind.equals("clickstream") && first == '{');
    if (!ok) {
      throw new SourceFetcher.Failed(
          what
              + " does not look like a "
              + kind
              + " file: it starts with "
              + describe(first)
              + " where "
              + (kind.equals("clickstream") ? "'[' or '{'" : "'['")
              + " (JSON) was expected; nothing was imported. Check the source's URL or path");
    }
  }

  private static int firstSignificant(byte[] head) {
    String s = new String(head, StandardCharsets.UTF_8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isWhitespace(c) && c != '\uFEFF') {
        return c;
      }
    }
    return -1;
  }

  private static String describe(int c) {
    return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("U+%04X", c);
  }
}
