package io.waymark.store;

import io.waymark.events.Event;
import io.waymark.events.EventOrder;
import java.time.Clock;
import java.time.Duration;
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
 * Each user's events are packed into one byte array ({@link RecentRows}); each held event costs
 * about {@value #BYTES_PER_EVENT} bytes of heap.
 */
final class RecentEvents {

  private static final Logger log = LoggerFactory.getLogger(RecentEvents.class);

  /** Heap bytes per held event, measured (docs/benchmarks.md); sizes the automatic cap. */
  static final int BYTES_PER_EVENT = 72;

  /** The floor rises in steps of this much event time when the cap is reached. */
  private static final long BUCKET = Duration.ofMinutes(1).toMillis();

  private static final long EVICT_EVERY = Duration.ofMinutes(1).toMillis();
  private static final int MAX_SHARED_STRINGS = 500_000;

  private final Clock clock;
  private final long windowMillis;
  private final long maxEvents;
  private final ConcurrentHashMap<String, RecentRows> users = new ConcurrentHashMap<>();
  private final AtomicLong size = new AtomicLong();
  private final RecentRows.Strings strings = new RecentRows.Strings(MAX_SHARED_STRINGS);

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
    RecentRows rows = users.get(userKey);
    List<Event> out =
        rows == null ? List.of() : rows.between(userKey, from, to, limit, strings, this::forgotten);
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
      RecentRows rows = users.remove(id);
      if (rows != null) {
        removed += rows.dropAll(strings, this::forgotten);
      }
    }
    for (var it = users.values().iterator(); it.hasNext(); ) {
      RecentRows rows = it.next();
      removed += rows.dropAnonymous(ids, strings, this::forgotten);
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
    for (Map.Entry<String, RecentRows> e : users.entrySet()) {
      n += e.getValue().count(ids, ids.contains(e.getKey()), strings);
    }
    return n;
  }

  private void put(String userKey, Held h) {
    users.computeIfAbsent(userKey, k -> new RecentRows()).append(h, strings);
    size.incrementAndGet();
    synchronized (perMinute) {
      perMinute.computeIfAbsent(Math.floorDiv(h.ts, BUCKET), k -> new long[1])[0]++;
    }
  }

  /** One held row left (evicted, erased, or a duplicate dropped). */
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
      RecentRows rows = it.next().getValue();
      if (rows.dropBefore(target, strings, this::forgotten) == 0) {
        it.remove();
      }
    }
  }

  private Held held(Event e) {
    return new Held(
        e.timestamp(),
        e.eventId().getMostSignificantBits(),
        e.eventId().getLeastSignificantBits(),
        e.sessionId(),
        e.type(),
        e.pageUrl(),
        e.pageName(),
        e.productId(),
        e.orderId(),
        e.amount(),
        e.currency(),
        e.searchQuery(),
        e.userId() != null ? e.anonymousId() : null);
  }

  /** One row read by the loader: the user key and the held fields. */
  record Loaded(String userKey, Held held) {}

  /**
   * The fields of one held event. {@code anonymousId} is kept only when the event also carried a
   * user id (then the user id is its key), so that erasing the anonymous id finds it.
   */
  static final class Held {
    final long ts;
    final long idHigh;
    final long idLow;
    final String sessionId;
    final String type;
    final String pageUrl;
    final String pageName;
    final String productId;
    final String orderId;
    final Double amount;
    final String currency;
    final String searchQuery;
    final String anonymousId;

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
}
