package io.waymark.store;

import io.waymark.events.Event;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * One user's recent events packed into one byte array, so that millions of held events are a few
 * objects per user for the garbage collector rather than several per event (decision 37; one object
 * per event and its strings cost the collector a third of its batch throughput while the sink
 * filled them, docs/benchmarks.md). Every method holds the user's monitor.
 *
 * <p>A row: time (8 bytes), event id (16), then type, page URL, page name, product, currency, order
 * id, search query, session id and carried anonymous id as string codes, then the amount (a flag
 * byte and 8 bytes). A string code is a varint: 0 null, 1 the same as the row before (session and
 * anonymous id), 2 inline (varint length and UTF-8), {@code 3 + k} entry {@code k} of the shared
 * {@link Strings}. Rows are appended as they come; a row not after the one before makes the buffer
 * unordered, and the next read or eviction sorts it and drops duplicates (the loader and the sink
 * may both hand over an event written while the loader ran).
 */
final class RecentRows {

  private static final int NULL = 0;
  private static final int SAME = 1;
  private static final int INLINE = 2;
  private static final int SHARED = 3;

  private static final Comparator<RecentEvents.Held> ORDER =
      (a, b) -> a.compareTo(b.ts, b.idHigh, b.idLow);

  private byte[] buf = new byte[64];
  private int len;
  private int count;
  private long firstTs = Long.MAX_VALUE;
  private boolean ordered = true;
  private long lastTs;
  private long lastHigh;
  private long lastLow;
  private String lastSession;
  private String lastAnonymous;

  /** Strings that repeat across users (types, pages, products, currencies), shared by code. */
  static final class Strings {
    private final int max;
    private final ConcurrentHashMap<String, Integer> codes = new ConcurrentHashMap<>();
    private volatile String[] values = new String[1024];
    private int size;

    Strings(int max) {
      this.max = max;
    }

    /** The string's code, added when new and there is room (callers hold the owner's monitor). */
    int codeOf(String s, boolean mayAdd) {
      Integer known = codes.get(s);
      if (known != null) {
        return known;
      }
      if (!mayAdd || size >= max) {
        return -1;
      }
      String[] v = values;
      if (size == v.length) {
        v = Arrays.copyOf(v, v.length * 2);
      }
      v[size] = s;
      values = v; // published before the code is used in a row
      codes.put(s, size);
      return size++;
    }

    String value(int code) {
      return values[code];
    }
  }

  synchronized int size() {
    return count;
  }

  /** Appends one row (mayAdd: new strings may join the shared ones; the owner's monitor held). */
  synchronized void append(RecentEvents.Held h, Strings strings) {
    if (count > 0 && h.compareTo(lastTs, lastHigh, lastLow) <= 0) {
      ordered = false;
    }
    encode(h, strings, true);
    count++;
    firstTs = Math.min(firstTs, h.ts);
  }

  /** The rows with {@code from <= ts < to} as events, in the store's order, at most limit. */
  synchronized List<Event> between(
      String userKey, long from, long to, int limit, Strings strings, LongConsumer forgotten) {
    if (!ordered) {
      rewrite(decodeAll(strings), r -> true, strings, forgotten);
    }
    List<Event> out = new ArrayList<>();
    Reader r = new Reader(strings);
    while (r.pos < len && out.size() < limit) {
      RecentEvents.Held h = r.next();
      if (h.ts >= to) {
        break;
      }
      if (h.ts >= from) {
        out.add(h.toEvent(userKey));
      }
    }
    return out;
  }

  /** Drops the rows before {@code floor}; returns how many are left. */
  synchronized int dropBefore(long floor, Strings strings, LongConsumer forgotten) {
    if (firstTs >= floor) {
      return count;
    }
    rewrite(decodeAll(strings), h -> h.ts >= floor, strings, forgotten);
    return count;
  }

  /** Drops every row; returns how many there were. */
  synchronized int dropAll(Strings strings, LongConsumer forgotten) {
    int n = 0;
    for (RecentEvents.Held h : decodeAll(strings)) {
      forgotten.accept(h.ts);
      n++;
    }
    buf = new byte[16];
    len = 0;
    count = 0;
    firstTs = Long.MAX_VALUE;
    ordered = true;
    lastSession = null;
    lastAnonymous = null;
    return n;
  }

  /** Drops the rows that carried one of {@code ids} as anonymous id; returns how many. */
  synchronized int dropAnonymous(Set<String> ids, Strings strings, LongConsumer forgotten) {
    List<RecentEvents.Held> all = decodeAll(strings);
    if (all.stream().noneMatch(h -> carries(h, ids))) {
      return 0;
    }
    int before = count;
    rewrite(all, h -> !carries(h, ids), strings, forgotten);
    return before - count;
  }

  /** How many distinct rows belong to {@code ids}: all when {@code all}, else by anonymous id. */
  synchronized int count(Set<String> ids, boolean all, Strings strings) {
    List<RecentEvents.Held> rows = decodeAll(strings);
    rows.sort(ORDER);
    int n = 0;
    RecentEvents.Held prev = null;
    for (RecentEvents.Held h : rows) {
      boolean duplicate = prev != null && h.compareTo(prev.ts, prev.idHigh, prev.idLow) == 0;
      if (!duplicate && (all || carries(h, ids))) {
        n++;
      }
      prev = h;
    }
    return n;
  }

  private static boolean carries(RecentEvents.Held h, Set<String> ids) {
    return h.anonymousId != null && ids.contains(h.anonymousId);
  }

  /**
   * Re-encodes the rows that {@code keep} accepts, sorted and without duplicates; reports each row
   * that left.
   */
  private void rewrite(
      List<RecentEvents.Held> rows,
      Predicate<RecentEvents.Held> keep,
      Strings strings,
      LongConsumer forgotten) {
    rows.sort(ORDER);
    buf = new byte[Math.max(16, len)];
    len = 0;
    count = 0;
    firstTs = Long.MAX_VALUE;
    ordered = true;
    lastSession = null;
    lastAnonymous = null;
    RecentEvents.Held prev = null;
    for (RecentEvents.Held h : rows) {
      boolean duplicate = prev != null && h.compareTo(prev.ts, prev.idHigh, prev.idLow) == 0;
      prev = h;
      if (duplicate || !keep.test(h)) {
        forgotten.accept(h.ts);
        continue;
      }
      encode(h, strings, false);
      count++;
      firstTs = Math.min(firstTs, h.ts);
    }
    if (buf.length > len * 2 + 64) {
      buf = Arrays.copyOf(buf, len);
    }
  }

  private List<RecentEvents.Held> decodeAll(Strings strings) {
    List<RecentEvents.Held> out = new ArrayList<>(count);
    Reader r = new Reader(strings);
    while (r.pos < len) {
      out.add(r.next());
    }
    return out;
  }

  // --- encoding

  private void encode(RecentEvents.Held h, Strings strings, boolean mayAdd) {
    ensure(64);
    putLong(h.ts);
    putLong(h.idHigh);
    putLong(h.idLow);
    shared(h.type, strings, mayAdd);
    shared(h.pageUrl, strings, mayAdd);
    shared(h.pageName, strings, mayAdd);
    shared(h.productId, strings, mayAdd);
    shared(h.currency, strings, mayAdd);
    inline(h.orderId);
    inline(h.searchQuery);
    if (h.sessionId != null && h.sessionId.equals(lastSession)) {
      putVarInt(SAME);
    } else {
      inline(h.sessionId);
      lastSession = h.sessionId;
    }
    if (h.anonymousId != null && h.anonymousId.equals(lastAnonymous)) {
      putVarInt(SAME);
    } else {
      inline(h.anonymousId);
      lastAnonymous = h.anonymousId;
    }
    if (h.amount == null) {
      ensure(1);
      buf[len++] = 0;
    } else {
      ensure(9);
      buf[len++] = 1;
      putLong(Double.doubleToRawLongBits(h.amount));
    }
    lastTs = h.ts;
    lastHigh = h.idHigh;
    lastLow = h.idLow;
  }

  private void shared(String s, Strings strings, boolean mayAdd) {
    if (s == null) {
      putVarInt(NULL);
      return;
    }
    int code = strings.codeOf(s, mayAdd);
    if (code >= 0) {
      putVarInt(SHARED + code);
    } else {
      inline(s);
    }
  }

  private void inline(String s) {
    if (s == null) {
      putVarInt(NULL);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    putVarInt(INLINE);
    putVarInt(b.length);
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(len + more, buf.length + (buf.length >> 1) + 16));
    }
  }

  private void putLong(long v) {
    ensure(8);
    for (int i = 56; i >= 0; i -= 8) {
      buf[len++] = (byte) (v >>> i);
    }
  }

  private void putVarInt(int v) {
    ensure(5);
    while ((v & ~0x7F) != 0) {
      buf[len++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[len++] = (byte) v;
  }

  /** Decodes the rows from the start (codes refer to the row before, so never from the middle). */
  private final class Reader {
    private final Strings strings;
    int pos;
    private String session;
    private String anonymous;

    Reader(Strings strings) {
      this.strings = strings;
    }

    RecentEvents.Held next() {
      long ts = getLong();
      long high = getLong();
      long low = getLong();
      String type = string();
      String pageUrl = string();
      String pageName = string();
      String productId = string();
      String currency = string();
      String orderId = string();
      String searchQuery = string();
      int code = peekVarInt();
      if (code == SAME) {
        getVarInt();
      } else {
        session = string();
      }
      code = peekVarInt();
      if (code == SAME) {
        getVarInt();
      } else {
        anonymous = string();
      }
      Double amount = buf[pos++] == 0 ? null : Double.longBitsToDouble(getLong());
      return new RecentEvents.Held(
          ts,
          high,
          low,
          session,
          type,
          pageUrl,
          pageName,
          productId,
          orderId,
          amount,
          currency,
          searchQuery,
          anonymous);
    }

    private String string() {
      int code = getVarInt();
      if (code == NULL) {
        return null;
      }
      if (code == INLINE) {
        int n = getVarInt();
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
      }
      return strings.value(code - SHARED);
    }

    private long getLong() {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (buf[pos++] & 0xFF);
      }
      return v;
    }

    private int peekVarInt() {
      int at = pos;
      int v = getVarInt();
      pos = at;
      return v;
    }

    private int getVarInt() {
      int v = 0;
      int shift = 0;
      while (true) {
        byte b = buf[pos++];
        v |= (b & 0x7F) << shift;
        if (b >= 0) {
          return v;
        }
        shift += 7;
      }
    }
  }
}
