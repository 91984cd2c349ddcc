package io.waymark.imports;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV one record at a time: fields in double quotes may hold commas, doubled quotes
 * and line breaks; records end with CRLF or LF. A record that breaks the format (a quote inside an
 * unquoted field, text after a closing quote, an unclosed quote, a record longer than the limit) is
 * returned with its problem and raw text, and reading goes on with the next line.
 */
final class CsvReader {

  /** One record: the line it starts on, its fields and raw text, or what is wrong with it. */
  record Record(long line, List<String> fields, String raw, String problem) {}

  private final Reader in;
  private final int maxChars;
  private long line = 1;
  private int peeked = -2;

  CsvReader(Reader in, int maxChars) {
    this.in = in;
    this.maxChars = maxChars;
  }

  private int read() throws IOException {
    if (peeked != -2) {
      int c = peeked;
      peeked = -2;
      return c;
    }
    return in.read();
  }

  private int peek() throws IOException {
    if (peeked == -2) {
      peeked = in.read();
    }
    return peeked;
  }

  /** The next record, or null at the end of the input. */
  Record next() throws IOException {
    if (peek() == -1) {
      return null;
    }
    long start = line;
    StringBuilder raw = new StringBuilder();
    StringBuilder field = new StringBuilder();
    List<String> fields = new ArrayList<>();
    String problem = null;
    boolean quoted = false;
    boolean afterQuote = false;
    boolean fieldStart = true;
    while (true) {
      int c = read();
      if (c == -1) {
        if (quoted) {
          problem = "a quoted field opened on line " + start + " is never closed";
        }
        break;
      }
      if (raw.length() >= maxChars) {
        problem = "the record is longer than " + maxChars + " characters (an unclosed quote?)";
        quoted = false;
        skipLine(c);
        break;
      }
      raw.append((char) c);
      if (quoted) {
        if (c == '"') {
          if (peek() == '"') {
            raw.append((char) read());
            field.append('"');
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append((char) c);
        }
        continue;
      }
      if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        fieldStart = true;
        afterQuote = false;
        continue;
      }
      if (c == '\r' && peek() == '\n') {
        raw.setLength(raw.length() - 1);
        continue;
      }
      if (c == '\n') {
        raw.setLength(raw.length() - 1);
        line++;
        break;
      }
      if (c == '"' && fieldStart) {
        quoted = true;
        fieldStart = false;
        continue;
      }
      if (problem == null && afterQuote) {
        problem = "text after the closing quote of field " + (fields.size() + 1);
      } else if (problem == null && c == '"') {
        problem = "a quote inside unquoted field " + (fields.size() + 1) + "; quote the field";
      }
      fieldStart = false;
      field.append((char) c);
    }
    fields.add(field.toString());
    return new Record(
        start, problem == null ? List.copyOf(fields) : List.of(), raw.toString(), problem);
  }

  private void skipLine(int c) throws IOException {
    while (c != -1 && c != '\n') {
      c = read();
    }
    if (c == '\n') {
      line++;
    }
  }
}
