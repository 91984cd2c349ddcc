package io.waymark.store;

import io.waymark.events.Event;
import io.waymark.events.EventOrder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last days of every user's stored events, held in memory with the fields a journey needs, so
 * that a journey over them costs no DuckDB lookup (decision 37). It mirrors {@code events} exactly
 * from its floor on: every stored event with {@code timestamp >= floor} is held, once the first
 * load from the store is done. A read for a period that starts before the floor, or before that
 * load, answers {@code null}, and the store asks DuckDB as before.
 *
 * <p>Who changes it, and how they are kept in step with DuckDB:
 *
 * <ul>
 *   <li>the sink adds each event DuckDB inserted (not the duplicates it ignored), after the commit,
 *       under the store's write lock;
 *   <li>the loader adds what the store held at start, chunk by chunk; an event it read before an
 *       erasure deleted it is not added after ({@link #remove} remembers the ids while loading);
 *   <li>an erasure removes the identities' events here in the same step as in DuckDB;
 *   <li>the floor only rises: to {@code now - window} at most once a minute, and further when the
 *       held events exceed {@code maxEvents} (the oldest minutes go first).
 * </ul>
 *
 * Each held event costs about {@value #BYTES_PER_EVENT} bytes of heap (strings that repeat, such as
 * types, pages and products, are shared).
 */
final class RecentEvents {

  private static final Logger log = LoggerFactory.getLogger(RecentEvents.class);

  /** Heap bytes per held event, measured (docs/benchmarks.md); sizes the automatic cap. */
  static final int BYTES_PER_EVENT = 112;

  /** The floor rises in steps of this much event time when the cap is reached. */
  private static final long BUCKET = Duration.ofMinutes(1).toMillis();

  private static final long EVICT_EVERY = Duration.ofMinutes(1).toMillis();
  private static final int MAX_SHARED_STRINGS = 200_000;

  private final Clock clock;
  private final long windowMillis;
  private final long maxEvents;
  private final ConcurrentHashMap<String, UserRows> users = new ConcurrentHashMap<>();
  private final AtomicLong size = new AtomicLong();
  private final ConcurrentHashMap<String, String> shared = new ConcurrentHashMap<>();

  /** Held events per minute of event time, for choosing the floor under the cap. */
  private final TreeMap<Long, long[]> perMinute = new TreeMap<>();

  private volatile long floor;
  private volatile boolean ready;
  private volatile long lastEviction;

  /** Identities erased while the loader runs (guarded by this); null when not loading. */
  private Set<String> erasedWhileLoading = new HashSet<>();

  /**
   * Holds the events of the last {@code window}, at most {@code maxEvents} (0: as many as one sixth
   * of the maximum heap holds).
   */
  RecentEvents(Clock clock, Duration window, long maxEvents) {
    this.clock = clock;
    this.windowMillis = window.toMillis();
    this.maxEvents = maxEvents > 0 ? maxEvents : automaticCap(Runtime.getRuntime().maxMemory());
    this.floor = clock.millis() - windowMillis;
    this.lastEviction = clock.millis();
  }

  static long automaticCap(long maxHeapBytes) {
    return Math.max(10_000, maxHeapBytes / 6 / BYTES_PER_EVENT);
  }

  /** Whether the first load finished, so that reads from the floor on are answered here. */
  boolean ready() {
    return ready;
  }

  /** Every stored event at or after this event time (epoch millis) is held, once ready. */
  long floor() {
    return floor;
  }

  long maxEvents() {
    return maxEvents;
  }

  /** How many events are held. */
  long size() {
    return size.get();
  }

  int users() {
    return users.size();
  }

  /**
   * The user's events with {@code from <= timestamp < to}, oldest first (the store's order), at
   * most {@code limit}; null when this cannot answer for all of them (not loaded yet, or {@code
   * from} is before the floor).
   */
  List<Event> events(String userKey, long from, long to, int limit) {
    if (!ready || from < floor) {
      return null;
    }
    UserRows rows = users.get(userKey);
    List<Event> out = rows == null ? List.of() : rows.between(userKey, from, to, limit);
    // An eviction that raised the floor past `from` while reading may have taken some away.
    return from < floor ? null : out;
  }

  /**
   * Adds events DuckDB has just inserted (the sink, under the store's write lock). Every change to
   * what is held holds this object's monitor; reads hold only the user's.
   */
  synchronized void added(Collection<Event> inserted) {
    long f = floor;
    for (Event e : inserted) {
      if (e.timestamp() >= f) {
        put(e.userKey(), held(e));
      }
    }
    afterAdding();
  }

  /** The loader: adds rows read from the store, except those of identities erased meanwhile. */
  synchronized void loaded(List<Loaded> rows) {
    long f = floor;
    for (Loaded r : rows) {
      Held h = r.held();
      if (h.ts >= f
          && !erasedWhileLoading.contains(r.userKey())
          && (h.anonymousId == null || !erasedWhileLoading.contains(h.anonymousId))) {
        put(r.userKey(), h);
      }
    }
    afterAdding();
  }

  /** The loader finished: reads from the floor on are answered here from now on. */
  synchronized void loadFinished() {
    erasedWhileLoading = null;
    ready = true;
  }

  /**
   * Removes every held event that belongs to one of {@code identities} (as user key, user id or
   * anonymous id, like the erasure's DELETE); returns how many.
   */
  synchronized long remove(Collection<String> identities) {
    Set<String> ids = new HashSet<>(identities);
    if (erasedWhileLoading != null) {
      erasedWhileLoading.addAll(ids);
    }
    long removed = 0;
    for (String id : ids) {
      UserRows rows = users.remove(id);
      if (rows != null) {
        removed += rows.dropAll(this);
      }
    }
    for (var it = users.values().iterator(); it.hasNext(); ) {
      UserRows rows = it.next();
      removed += rows.dropAnonymous(ids, this);
      if (rows.size() == 0) {
        it.remove();
      }
    }
    return removed;
  }

  /** How many held events belong to one of {@code identities} (an erasure's verification). */
  long count(Collection<String> identities) {
    Set<String> ids = new HashSet<>(identities);
    long n = 0;
    for (Map.Entry<String, UserRows> e : users.entrySet()) {
      n += ids.contains(e.getKey()) ? e.getValue().size() : e.getValue().countAnonymous(ids);
    }
    return n;
  }

  private void put(String userKey, Held h) {
    UserRows rows = users.computeIfAbsent(userKey, k -> new UserRows());
    if (rows.insert(h)) {
      size.incrementAndGet();
      synchronized (perMinute) {
        perMinute.computeIfAbsent(Math.floorDiv(h.ts, BUCKET), k -> new long[1])[0]++;
      }
    }
  }

  void forgotten(long ts) {
    size.decrementAndGet();
    synchronized (perMinute) {
      Long minute = Math.floorDiv(ts, BUCKET);
      long[] n = perMinute.get(minute);
      if (n != null && --n[0] <= 0) {
        perMinute.remove(minute);
      }
    }
  }

  private void afterAdding() {
    long now = clock.millis();
    if (size.get() > maxEvents || now - lastEviction >= EVICT_EVERY) {
      evict(now);
    }
  }

  /** Raises the floor to {@code now - window}, and further while more than the cap are held. */
  synchronized void evict(long now) {
    lastEviction = now;
    long target = Math.max(floor, now - windowMillis);
    long keep = maxEvents - maxEvents / 10;
    if (size.get() > maxEvents) {
      long left = size.get();
      synchronized (perMinute) {
        for (Map.Entry<Long, long[]> minute : perMinute.entrySet()) {
          if (left <= keep) {
            break;
          }
          left -= minute.getValue()[0];
          target = Math.max(target, (minute.getKey() + 1) * BUCKET);
        }
      }
      log.warn(
          "recent events: {} held, over the cap of {}; only events from {} on stay in memory, and"
              + " journeys over earlier periods read DuckDB. Give the JVM more heap or raise"
              + " waymark.store.recent.max-events",
          size.get(),
          maxEvents,
          java.time.Instant.ofEpochMilli(target));
    }
    if (target <= floor && size.get() <= maxEvents) {
      return;
    }
    floor = target; // first, so that a read racing the removal below falls back to DuckDB
    for (var it = users.entrySet().iterator(); it.hasNext(); ) {
      UserRows rows = it.next().getValue();
      if (rows.dropBefore(target, this) == 0) {
        it.remove();
      }
    }
  }

  private String shared(String s) {
    if (s == null) {
      return null;
    }
    String known = shared.get(s);
    if (known != null) {
      return known;
    }
    if (shared.size() < MAX_SHARED_STRINGS) {
      known = shared.putIfAbsent(s, s);
      return known != null ? known : s;
    }
    return s;
  }

  private Held held(Event e) {
    return new Held(
        e.timestamp(),
        e.eventId().getMostSignificantBits(),
        e.eventId().getLeastSignificantBits(),
        e.sessionId(),
        shared(e.type()),
        shared(e.pageUrl()),
        shared(e.pageName()),
        shared(e.productId()),
        e.orderId(),
        e.amount(),
        shared(e.currency()),
        e.searchQuery(),
        e.userId() != null ? e.anonymousId() : null);
  }

  /** One row read by the loader: the user key and the held fields. */
  record Loaded(String userKey, Held held) {}

  /**
   * A row as the loader read it from {@code events}; {@code carriedAnonymousId} is the row's
   * anonymous id when it has a user id too (null otherwise).
   */
  Loaded loadedRow(
      String userKey,
      String carriedAnonymousId,
      UUID eventId,
      String sessionId,
      String type,
      long ts,
      String pageUrl,
      String pageName,
      String productId,
      String orderId,
      Double amount,
      String currency,
      String searchQuery) {
    return new Loaded(
        userKey,
        new Held(
            ts,
            eventId.getMostSignificantBits(),
            eventId.getLeastSignificantBits(),
            sessionId,
            shared(type),
            shared(pageUrl),
            shared(pageName),
            shared(productId),
            orderId,
            amount,
            shared(currency),
            searchQuery,
            carriedAnonymousId));
  }

  /**
   * The fields of one held event. {@code anonymousId} is kept only when the event also carried a
   * user id (then the user id is its key), so that erasing the anonymous id finds it.
   */
  static final class Held {
    final long ts;
    final long idHigh;
    final long idLow;
    String sessionId; // shared with a neighbour's equal one on insert
    final String type;
    final String pageUrl;
    final String pageName;
    final String productId;
    final String orderId;
    final Double amount;
    final String currency;
    final String searchQuery;
    String anonymousId; // shared with a neighbour's equal one on insert

    Held(
        long ts,
        long idHigh,
        long idLow,
        String sessionId,
        String type,
        String pageUrl,
        String pageName,
        String productId,
        String orderId,
        Double amount,
        String currency,
        String searchQuery,
        String anonymousId) {
      this.ts = ts;
      this.idHigh = idHigh;
      this.idLow = idLow;
      this.sessionId = sessionId;
      this.type = type;
      this.pageUrl = pageUrl;
      this.pageName = pageName;
      this.productId = productId;
      this.orderId = orderId;
      this.amount = amount;
      this.currency = currency;
      this.searchQuery = searchQuery;
      this.anonymousId = anonymousId;
    }

    /** The store's order: time, then event id as its text sorts. */
    int compareTo(long otherTs, long otherHigh, long otherLow) {
      int byTime = Long.compare(ts, otherTs);
      return byTime != 0 ? byTime : EventOrder.asText(idHigh, idLow, otherHigh, otherLow);
    }

    /** As {@link StoreRows#journeyEvents} builds it from a row. */
    Event toEvent(String userKey) {
      return new Event(
          new UUID(idHigh, idLow),
          type,
          userKey,
          null,
          sessionId,
          ts,
          null,
          null,
          ts,
          pageUrl,
          pageName,
          null,
          productId,
          orderId,
          amount,
          currency,
          searchQuery,
          null,
          Event.Context.EMPTY,
          "store",
          Event.SCHEMA_VERSION);
    }
  }

  /** One user's held events in the store's order; every method holds the user's monitor. */
  private static final class UserRows {
    private Held[] rows = new Held[4];
    private int size;

    synchronized int size() {
      return size;
    }

    /** Inserts in order; false when the event is held already (same time and id). */
    synchronized boolean insert(Held h) {
      int at = size;
      if (size > 0 && rows[size - 1].compareTo(h.ts, h.idHigh, h.idLow) >= 0) {
        at = search(h.ts, h.idHigh, h.idLow);
        if (at < size && rows[at].compareTo(h.ts, h.idHigh, h.idLow) == 0) {
          return false;
        }
      }
      // A user's events mostly share the session and anonymous ids of the event before or after:
      // hold one copy of each (a fresh string per event doubled the heap, docs/benchmarks.md).
      shareWith(h, at > 0 ? rows[at - 1] : null);
      shareWith(h, at < size ? rows[at] : null);
      if (size == rows.length) {
        rows = Arrays.copyOf(rows, size * 2);
      }
      System.arraycopy(rows, at, rows, at + 1, size - at);
      rows[at] = h;
      size++;
      return true;
    }

    private static void shareWith(Held h, Held near) {
      if (near == null) {
        return;
      }
      if (h.sessionId != null && h.sessionId.equals(near.sessionId)) {
        h.sessionId = near.sessionId;
      }
      if (h.anonymousId != null && h.anonymousId.equals(near.anonymousId)) {
        h.anonymousId = near.anonymousId;
      }
    }

    /** The first position whose row is not before (ts, id). */
    private int search(long ts, long high, long low) {
      int lo = 0;
      int hi = size;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (rows[mid].compareTo(ts, high, low) < 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    synchronized List<Event> between(String userKey, long from, long to, int limit) {
      List<Event> out = new ArrayList<>();
      for (int i = search(from, 0, 0); i < size && rows[i].ts < to && out.size() < limit; i++) {
        if (rows[i].ts >= from) {
          out.add(rows[i].toEvent(userKey));
        }
      }
      return out;
    }

    /** Drops the rows before {@code floor}; returns how many are left. */
    synchronized int dropBefore(long floor, RecentEvents owner) {
      int cut = search(floor, 0, 0); // id 0 sorts first: this is the first row at or after floor
      for (int i = 0; i < cut; i++) {
        owner.forgotten(rows[i].ts);
      }
      System.arraycopy(rows, cut, rows, 0, size - cut);
      Arrays.fill(rows, size - cut, size, null);
      size -= cut;
      return size;
    }

    synchronized int dropAll(RecentEvents owner) {
      int n = size;
      for (int i = 0; i < size; i++) {
        owner.forgotten(rows[i].ts);
      }
      Arrays.fill(rows, null);
      size = 0;
      return n;
    }

    synchronized int dropAnonymous(Set<String> ids, RecentEvents owner) {
      int kept = 0;
      for (int i = 0; i < size; i++) {
        Held h = rows[i];
        if (h.anonymousId != null && ids.contains(h.anonymousId)) {
          owner.forgotten(h.ts);
        } else {
          rows[kept++] = h;
        }
      }
      int dropped = size - kept;
      Arrays.fill(rows, kept, size, null);
      size = kept;
      return dropped;
    }

    synchronized int countAnonymous(Set<String> ids) {
      int n = 0;
      for (int i = 0; i < size; i++) {
        if (rows[i].anonymousId != null && ids.contains(rows[i].anonymousId)) {
          n++;
        }
      }
      return n;
    }
  }
}
