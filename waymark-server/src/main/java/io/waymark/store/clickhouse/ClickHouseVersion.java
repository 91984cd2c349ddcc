package io.waymark.store.clickhouse;

/**
 * A ClickHouse server version and whether Waymark runs on it. 18.16 (Debian's package) is tested;
 * later versions are supported because Waymark keeps to the SQL both run (docs/clickhouse.md).
 * Versions before 18.16 are refused: the schema needs mutations and {@code TO} materialized views
 * as 18.16 has them.
 */
public record ClickHouseVersion(int major, int minor, String text) {

  /** The oldest version Waymark runs on, and the one its tests run against. */
  public static final ClickHouseVersion OLDEST_SUPPORTED = new ClickHouseVersion(18, 16, "18.16");

  /** Parses {@code SELECT version()}'s answer, e.g. {@code 18.16.1} or {@code 24.8.4.13}. */
  public static ClickHouseVersion parse(String text) {
    String t = text == null ? "" : text.strip();
    String[] parts = t.split("\\.");
    try {
      if (parts.length < 2) {
        throw new NumberFormatException();
      }
      return new ClickHouseVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "cannot read ClickHouse's version from '" + t + "' (expected like 18.16.1)");
    }
  }

  public boolean supported() {
    return major > OLDEST_SUPPORTED.major
        || (major == OLDEST_SUPPORTED.major && minor >= OLDEST_SUPPORTED.minor);
  }

  /** Whether this is the version the tests run against (others are expected, not proven). */
  public boolean tested() {
    return major == OLDEST_SUPPORTED.major && minor == OLDEST_SUPPORTED.minor;
  }
}
