package io.waymark.store.clickhouse;

import java.util.ArrayList;
import java.util.List;

/**
 * ClickHouse's TabSeparated format: rows of tab-separated fields, backslash escapes, {@code \N} for
 * NULL. Used both ways: it is the cheapest text format for 18.16 and current versions alike.
 */
final class Tsv {

  private Tsv() {}

  /**
   * Builds the body of an {@code INSERT ... FORMAT TabSeparated} directly as UTF-8 bytes (the sink
   * writes thousands of rows per batch: no intermediate String).
   */
  static final class Writer {
    private byte[] buf;
    private int len;
    private boolean rowStarted;

    Writer(int expectedRows) {
      buf = new byte[Math.max(64, expectedRows * 256)];
    }

    Writer str(String v) {
      sep();
      if (v == null) {
        ascii("\\N");
      } else {
        escape(v);
      }
      return this;
    }

    Writer num(long v) {
      sep();
      ascii(Long.toString(v));
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
      ascii(v.isNaN() || v.isInfinite() ? "nan" : Double.toString(v));
      return this;
    }

    /** Ends the row. */
    Writer end() {
      put((byte) '\n');
      rowStarted = false;
      return this;
    }

    boolean isEmpty() {
      return len == 0;
    }

    byte[] bytes() {
      return java.util.Arrays.copyOf(buf, len);
    }

    /** The body without copying: valid up to {@link #length()}. */
    byte[] buffer() {
      return buf;
    }

    int length() {
      return len;
    }

    @Override
    public String toString() {
      return new String(buf, 0, len, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void sep() {
      if (rowStarted) {
        put((byte) '\t');
      }
      rowStarted = true;
    }

    private void ascii(String s) {
      ensure(s.length());
      for (int i = 0; i < s.length(); i++) {
        buf[len++] = (byte) s.charAt(i);
      }
    }

    private void put(byte b) {
      ensure(1);
      buf[len++] = b;
    }

    private void ensure(int more) {
      if (len + more > buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
      }
    }

    private void escape(String v) {
      ensure(v.length() * 3 + 2); // at most 3 bytes per char (a surrogate pair: 4 for 2)
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c < 0x80) {
          switch (c) {
            case '\\' -> twoBytes('\\', '\\');
            case '\t' -> twoBytes('\\', 't');
            case '\n' -> twoBytes('\\', 'n');
            case '\r' -> twoBytes('\\', 'r');
            case '\0' -> twoBytes('\\', '0');
            default -> buf[len++] = (byte) c;
          }
        } else if (c < 0x800) {
          buf[len++] = (byte) (0xC0 | (c >> 6));
          buf[len++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)
            && i + 1 < v.length()
            && Character.isLowSurrogate(v.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, v.charAt(++i));
          buf[len++] = (byte) (0xF0 | (cp >> 18));
          buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          buf[len++] = (byte) (0x80 | (cp & 0x3F));
        } else if (Character.isSurrogate(c)) {
          buf[len++] = '?'; // a lone surrogate is no character: as String.getBytes replaces it
        } else {
          buf[len++] = (byte) (0xE0 | (c >> 12));
          buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
          buf[len++] = (byte) (0x80 | (c & 0x3F));
        }
      }
    }

    private void twoBytes(char a, char b) {
      ensure(2);
      buf[len++] = (byte) a;
      buf[len++] = (byte) b;
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
