package io.waymark.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an NDJSON file line by line as bytes (LF or CRLF), keeping at most {@code maxBytes} of a
 * line: a longer line is returned cut, flagged, and reading goes on with the next one.
 */
final class LineReader {

  /** One line: its number (from 1), its bytes and whether it was cut. */
  record Line(long number, byte[] bytes, boolean cut) {}

  private final InputStream in;
  private final int maxBytes;
  private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
  private long number;

  LineReader(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /** The next line, or null at the end of the input. */
  Line next() throws IOException {
    buf.reset();
    boolean cut = false;
    int c = in.read();
    if (c == -1) {
      return null;
    }
    number++;
    while (c != -1 && c != '\n') {
      if (buf.size() < maxBytes) {
        buf.write(c);
      } else {
        cut = true;
      }
      c = in.read();
    }
    byte[] bytes = buf.toByteArray();
    int n = bytes.length;
    if (!cut && n > 0 && bytes[n - 1] == '\r') {
      bytes = java.util.Arrays.copyOf(bytes, n - 1);
    }
    return new Line(number, bytes, cut);
  }

  static boolean blank(byte[] b) {
    for (byte x : b) {
      if (x != ' ' && x != '\t' && x != '\r') {
        return false;
      }
    }
    return true;
  }
}
