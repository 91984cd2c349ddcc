package io.waymark.store.clickhouse;

import java.util.ArrayList;
import java.util.List;

/**
 * ClickHouse's TabSeparated format: rows of tab-separated fields, backslash escapes, {@code \N} for
 * NULL. Used both ways: it is the cheapest text format for 18.16 and current versions alike.
 */
final class Tsv {

  private Tsv() {}

  /** Builds the body of an {@code INSERT ... FORMAT TabSeparated}. */
  static final class Writer {
    private final StringBuilder out;
    private boolean rowStarted;

    Writer(int expectedRows) {
      out = new StringBuilder(Math.max(64, expectedRows * 256));
    }

    Writer str(String v) {
      sep();
      if (v == null) {
        out.append("\\N");
      } else {
        escape(v);
      }
      return this;
    }

    Writer num(long v) {
      sep();
      out.append(v);
      return this;
    }

    Writer num(Long v) {
      return v == null ? str(null) : num(v.longValue());
    }

    Writer num(Integer v) {
      return v == null ? str(null) : num(v.longValue());
    }

    Writer dbl(Double v) {
      if (v == null) {
        return str(null);
      }
      sep();
      out.append(v.isNaN() || v.isInfinite() ? "nan" : Double.toString(v));
      return this;
    }

    /** Ends the row. */
    Writer end() {
      out.append('\n');
      rowStarted = false;
      return this;
    }

    boolean isEmpty() {
      return out.isEmpty();
    }

    @Override
    public String toString() {
      return out.toString();
    }

    private void sep() {
      if (rowStarted) {
        out.append('\t');
      }
      rowStarted = true;
    }

    private void escape(String v) {
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        switch (c) {
          case '\\' -> out.append("\\\\");
          case '\t' -> out.append("\\t");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\0' -> out.append("\\0");
          default -> out.append(c);
        }
      }
    }
  }

  /** Splits a TabSeparated answer into rows of fields; NULL becomes {@code null}. */
  static List<String[]> parse(String body) {
    List<String[]> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean nullField = false;
    int n = body.length();
    for (int i = 0; i < n; i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < n) {
        char e = body.charAt(++i);
        switch (e) {
          case 'N' -> nullField = true;
          case 't' -> field.append('\t');
          case 'n' -> field.append('\n');
          case 'r' -> field.append('\r');
          case '0' -> field.append('\0');
          case 'b' -> field.append('\b');
          case 'f' -> field.append('\f');
          case 'a' -> field.append('\u0007');
          case 'v' -> field.append('\u000B');
          case 'e' -> field.append('\u001B');
          default -> field.append(e); // \\ \' and any other escaped character stand for itself
        }
      } else if (c == '\t' || c == '\n') {
        fields.add(nullField ? null : field.toString());
        field.setLength(0);
        nullField = false;
        if (c == '\n') {
          rows.add(fields.toArray(String[]::new));
          fields.clear();
        }
      } else {
        field.append(c);
      }
    }
    if (!fields.isEmpty() || !field.isEmpty() || nullField) {
      fields.add(nullField ? null : field.toString());
      rows.add(fields.toArray(String[]::new));
    }
    return rows;
  }
}
