package io.waymark.events;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Minimal binary writer and reader for the log and state encodings: big-endian fixed longs,
 * unsigned varints and length-prefixed UTF-8, without the synchronisation of the java.io streams.
 */
public final class Bytes {

  private Bytes() {}

  /** A growable output buffer. */
  public static final class Writer {
    private byte[] buf;
    private int pos;

    public Writer(int capacity) {
      buf = new byte[Math.max(16, capacity)];
    }

    /** How many bytes were written. */
    public int size() {
      return pos;
    }

    /** The buffer itself (valid up to {@link #size()}), for a {@link Reader} without a copy. */
    public byte[] buffer() {
      return buf;
    }

    /** Drops spare capacity beyond what was written plus {@code slack} bytes. */
    public void trim(int slack) {
      if (buf.length > pos + slack) {
        buf = Arrays.copyOf(buf, Math.max(16, pos));
      }
    }

    public void raw(byte b) {
      ensure(1);
      buf[pos++] = b;
    }

    public void varint(int v) {
      ensure(5);
      while ((v & ~0x7f) != 0) {
        buf[pos++] = (byte) ((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      buf[pos++] = (byte) v;
    }

    public void fixed(long v) {
      ensure(8);
      for (int shift = 56; shift >= 0; shift -= 8) {
        buf[pos++] = (byte) (v >>> shift);
      }
    }

    public void string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      varint(b.length);
      ensure(b.length);
      System.arraycopy(b, 0, buf, pos, b.length);
      pos += b.length;
    }

    /** A string that may be null (a presence byte first). */
    public void nullableString(String s) {
      raw((byte) (s == null ? 0 : 1));
      if (s != null) {
        string(s);
      }
    }

    public byte[] bytes() {
      return pos == buf.length ? buf : Arrays.copyOf(buf, pos);
    }

    private void ensure(int n) {
      if (pos + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
      }
    }
  }

  /** Reads what a {@link Writer} wrote. */
  public static final class Reader {
    private final byte[] buf;
    private int pos;

    public Reader(byte[] buf) {
      this.buf = buf;
    }

    /** How many bytes were read. */
    public int position() {
      return pos;
    }

    /** The next varint, without reading past it. */
    public int peekVarint() {
      int at = pos;
      int v = varint();
      pos = at;
      return v;
    }

    public byte raw() {
      return buf[pos++];
    }

    public int varint() {
      int v = 0;
      for (int shift = 0; ; shift += 7) {
        byte b = buf[pos++];
        v |= (b & 0x7f) << shift;
        if (b >= 0) {
          return v;
        }
      }
    }

    public long fixed() {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (buf[pos++] & 0xff);
      }
      return v;
    }

    public String string() {
      int n = varint();
      String s = new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }

    /** Reads a string, or skips it and returns null when {@code skip} is set. */
    public String string(boolean skip) {
      if (!skip) {
        return string();
      }
      int n = varint(); // not "pos += varint()": that reads pos before varint() moves it
      pos += n;
      return null;
    }

    public String nullableString() {
      return raw() == 0 ? null : string();
    }
  }
}
