package io.waymark.store.clickhouse;

import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * SQL literals. ClickHouse 18.16 has no bound query parameters over HTTP, so every value is written
 * into the statement as a literal escaped here, never concatenated raw.
 */
final class Sql {

  private Sql() {}

  /** A string literal: backslash and quote escaped (ClickHouse's rules), and the NUL byte. */
  static String str(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('\'');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\'' -> b.append("\\'");
        case '\0' -> b.append("\\0");
        default -> b.append(c);
      }
    }
    return b.append('\'').toString();
  }

  /** A list of string literals for {@code IN (...)}. */
  static String strs(Collection<String> values) {
    return values.stream().map(Sql::str).collect(Collectors.joining(", "));
  }

  /** A UUID literal. */
  static String uuid(UUID id) {
    return "toUUID('" + id + "')";
  }

  /**
   * The exclusive upper bound of the keys that start with {@code prefix}: no UTF-8 text holds the
   * byte 0xFF, and ClickHouse compares strings byte by byte.
   */
  static String prefixEnd(String prefix) {
    return str(prefix).replaceFirst("'$", "\\\\xFF'");
  }
}
