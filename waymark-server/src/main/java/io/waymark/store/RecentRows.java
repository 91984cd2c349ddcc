package io.waymark.store;

import io.waymark.events.Bytes;
import io.waymark.events.Event;
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

  private Bytes.Writer out = new Bytes.Writer(64);
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
    List<Event> found = new ArrayList<>();
    Reader r = new Reader(strings);
    while (r.more() && found.size() < limit) {
      RecentEvents.Held h = r.next();
      if (h.ts >= to) {
        break;
      }
      if (h.ts >= from) {
        found.add(h.toEvent(userKey));
      }
    }
    return found;
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
    out = new Bytes.Writer(16);
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
    out = new Bytes.Writer(out.size());
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
    out.trim(out.size() + 64);
  }

  private List<RecentEvents.Held> decodeAll(Strings strings) {
    List<RecentEvents.Held> out = new ArrayList<>(count);
    Reader r = new Reader(strings);
    while (r.more()) {
      out.add(r.next());
    }
    return out;
  }

  // --- encoding

  private void encode(RecentEvents.Held h, Strings strings, boolean mayAdd) {
    out.fixed(h.ts);
    out.fixed(h.idHigh);
    out.fixed(h.idLow);
    shared(h.type, strings, mayAdd);
    shared(h.pageUrl, strings, mayAdd);
    shared(h.pageName, strings, mayAdd);
    shared(h.productId, strings, mayAdd);
    shared(h.currency, strings, mayAdd);
    inline(h.orderId);
    inline(h.searchQuery);
    if (h.sessionId != null && h.sessionId.equals(lastSession)) {
      out.varint(SAME);
    } else {
      inline(h.sessionId);
      lastSession = h.sessionId;
    }
    if (h.anonymousId != null && h.anonymousId.equals(lastAnonymous)) {
      out.varint(SAME);
    } else {
      inline(h.anonymousId);
      lastAnonymous = h.anonymousId;
    }
    if (h.amount == null) {
      out.raw((byte) 0);
    } else {
      out.raw((byte) 1);
      out.fixed(Double.doubleToRawLongBits(h.amount));
    }
    lastTs = h.ts;
    lastHigh = h.idHigh;
    lastLow = h.idLow;
  }

  private void shared(String s, Strings strings, boolean mayAdd) {
    int code = s == null ? -1 : strings.codeOf(s, mayAdd);
    if (code >= 0) {
      out.varint(SHARED + code);
    } else {
      inline(s);
    }
  }

  private void inline(String s) {
    if (s == null) {
      out.varint(NULL);
    } else {
      out.varint(INLINE);
      out.string(s);
    }
  }

  /** Decodes the rows from the start (codes refer to the row before, so never from the middle). */
  private final class Reader {
    private final Strings strings;
    private final Bytes.Reader in = new Bytes.Reader(out.buffer());
    private final int end = out.size();
    private String session;
    private String anonymous;

    Reader(Strings strings) {
      this.strings = strings;
    }

    boolean more() {
      return in.position() < end;
    }

    RecentEvents.Held next() {
      long ts = in.fixed();
      long high = in.fixed();
      long low = in.fixed();
      String type = string();
      String pageUrl = string();
      String pageName = string();
      String productId = string();
      String currency = string();
      String orderId = string();
      String searchQuery = string();
      session = in.peekVarint() == SAME ? skipSame(session) : string();
      anonymous = in.peekVarint() == SAME ? skipSame(anonymous) : string();
      Double amount = in.raw() == 0 ? null : Double.longBitsToDouble(in.fixed());
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

    private String skipSame(String previous) {
      in.varint();
      return previous;
    }

    private String string() {
      int code = in.varint();
      return switch (code) {
        case NULL -> null;
        case INLINE -> in.string();
        default -> strings.value(code - SHARED);
      };
    }
  }
}
