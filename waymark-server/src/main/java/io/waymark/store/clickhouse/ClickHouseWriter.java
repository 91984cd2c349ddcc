package io.waymark.store.clickhouse;

import io.waymark.events.Event;
import io.waymark.events.QuarantinedItem;
import io.waymark.sessions.SessionRecord;
import io.waymark.store.SinkBatch;
import io.waymark.store.StoreException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Writes a sink batch: the data first (events, identity links, quarantine, sessions), the log
 * offsets last. ClickHouse has no transaction across these inserts, so each one is idempotent
 * instead: a crash before the offsets makes the sink read and write the same records again, which
 * adds no row that queries see twice (docs/clickhouse.md, "Exactly once").
 */
final class ClickHouseWriter {

  static final String EVENT_COLUMNS =
      "site_id, user_key, ts, event_id, day, user_id, anonymous_id, session_id, type, client_ts,"
          + " sent_at, received_at, page_url, page_name, referrer, product_id, order_id, amount,"
          + " currency, search_query, properties, ctx_ip, ctx_user_agent, ctx_locale,"
          + " ctx_country, source, schema_version";

  static final String QUARANTINE_COLUMNS =
      "site_id, received_at, id, day, source, key_id, remote_address, status, reason, errors,"
          + " item_index, user_key, payload, payload_truncated";

  static final String SESSION_COLUMNS =
      "site_id, user_key, session_id, start_ts, end_ts, event_count, page_views, product_views,"
          + " cart_adds, checkouts, purchases, revenue, currency, entry_page, exit_page, deleted";

  /** ClickHouse's Date holds days 0 to 65535 (1970-01-01 to 2149-06-06). */
  private static final long LAST_DAY = 65_535;

  static final String LINK_COLUMNS = "site_id, anonymous_id, user_id, linked_at, first_rank";

  private final ClickHouseHttp http;
  private final int site;

  /** Runs a batch's inserts side by side: each is a blocking HTTP request. */
  private final Executor parallel = Executors.newVirtualThreadPerTaskExecutor();

  ClickHouseWriter(ClickHouseHttp http, int site) {
    this.http = http;
    this.site = site;
  }

  void write(SinkBatch batch) {
    try {
      writeData(batch);
      writeOffsets(batch.nextOffsets());
    } catch (StoreException e) {
      throw new StoreException(
          "writing "
              + batch.events().size()
              + " events to ClickHouse failed; the sink will read them again from the last"
              + " stored offsets: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Everything but the offsets, the tables' inserts at the same time (each may be repeated without
   * effect on query results, so their order does not matter); returns when all succeeded.
   */
  void writeData(SinkBatch batch) {
    List<Runnable> inserts = new ArrayList<>(4);
    List<Event> events = uniqueById(batch.events());
    if (!events.isEmpty()) {
      inserts.add(() -> http.insert("events", EVENT_COLUMNS, events(events)));
      Tsv.Writer links = links(events);
      if (!links.isEmpty()) {
        inserts.add(() -> http.insert("identity_links", LINK_COLUMNS, links));
      }
    }
    if (!batch.quarantine().isEmpty()) {
      inserts.add(
          () -> http.insert("quarantine", QUARANTINE_COLUMNS, quarantine(batch.quarantine())));
    }
    if (!batch.sessions().isEmpty()) {
      inserts.add(() -> http.insert("sessions", SESSION_COLUMNS, sessions(batch.sessions())));
    }
    runAll(inserts);
  }

  private void runAll(List<Runnable> inserts) {
    if (inserts.size() == 1) {
      inserts.get(0).run();
      return;
    }
    List<CompletableFuture<Void>> running =
        inserts.stream().map(i -> CompletableFuture.runAsync(i, parallel)).toList();
    StoreException failed = null;
    for (CompletableFuture<Void> f : running) {
      try {
        f.join();
      } catch (CompletionException e) {
        if (failed == null) {
          failed =
              e.getCause() instanceof StoreException se
                  ? se
                  : new StoreException("insert failed: " + e.getCause(), e.getCause());
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  /** The next offsets, in one insert (one part: all or nothing). */
  void writeOffsets(Map<String, Map<Integer, Long>> offsets) {
    Tsv.Writer w = new Tsv.Writer(8);
    offsets.forEach(
        (topic, parts) -> parts.forEach((p, next) -> w.str(topic).num(p).num(next).end()));
    if (!w.isEmpty()) {
      http.insert("sink_offsets", "topic, part, next_offset", w);
    }
  }

  private static List<Event> uniqueById(List<Event> events) {
    Set<UUID> seen = new HashSet<>(events.size() * 2);
    List<Event> out = new ArrayList<>(events.size());
    for (Event e : events) {
      if (e.userKey() == null) {
        // The collector never accepts such an event; storing it would lose it from every query.
        throw new StoreException(
            "event " + e.eventId() + " has neither a user id nor an anonymous id; not stored");
      }
      if (seen.add(e.eventId())) {
        out.add(e);
      }
    }
    return out;
  }

  private Tsv.Writer events(List<Event> events) {
    Tsv.Writer w = new Tsv.Writer(events.size());
    for (Event e : events) {
      Event.Context c = e.context() == null ? Event.Context.EMPTY : e.context();
      w.num(site)
          .str(e.userKey())
          .num(e.timestamp())
          .str(e.eventId().toString())
          .str(day(e.timestamp()))
          .str(e.userId())
          .str(e.anonymousId())
          .str(e.sessionId())
          .str(e.type())
          .num(e.clientTimestamp())
          .num(e.sentAt())
          .num(e.receivedAt())
          .str(e.pageUrl())
          .str(e.pageName())
          .str(e.referrer())
          .str(e.productId())
          .str(e.orderId())
          .dbl(e.amount())
          .str(e.currency())
          .str(e.searchQuery())
          .str(e.properties())
          .str(c.ip())
          .str(c.userAgent())
          .str(c.locale())
          .str(c.country())
          .str(e.source())
          .num(e.schemaVersion())
          .end();
    }
    return w;
  }

  /**
   * The first link of each anonymous id in the batch (an event carrying it with a user id). The
   * table keeps the earliest link of all: its version column ranks earlier links higher.
   */
  private Tsv.Writer links(List<Event> events) {
    Map<String, Event> first = new HashMap<>();
    for (Event e : events) {
      if (linksIdentity(e)) {
        first.merge(e.anonymousId(), e, (a, b) -> a.timestamp() <= b.timestamp() ? a : b);
      }
    }
    Tsv.Writer w = new Tsv.Writer(first.size());
    for (Event e : first.values()) {
      w.num(site)
          .str(e.anonymousId())
          .str(e.userId())
          .num(e.timestamp())
          .str(Long.toUnsignedString(Long.MAX_VALUE - Math.max(0, e.timestamp())))
          .end();
    }
    return w;
  }

  /** Whether the event links its anonymous id to its user id (it carries both, and they differ). */
  static boolean linksIdentity(Event e) {
    return e.userId() != null && e.anonymousId() != null && !e.userId().equals(e.anonymousId());
  }

  private Tsv.Writer quarantine(List<QuarantinedItem> items) {
    Tsv.Writer w = new Tsv.Writer(items.size());
    for (QuarantinedItem q : items) {
      w.num(site)
          .num(q.receivedAt())
          .str(q.id().toString())
          .str(day(q.receivedAt()))
          .str(q.source())
          .str(q.keyId())
          .str(q.remoteAddress())
          .num(q.status())
          .str(q.reason())
          .str(Rows.problemsJson(q.errors()))
          .num(q.index())
          .str(q.userKey())
          .str(q.payload())
          .num(q.payloadTruncated() ? 1 : 0)
          .end();
    }
    return w;
  }

  /**
   * The last version of each session in the batch, in one insert: the table keeps the row of the
   * latest insert per session id, and a session merged into another is written as deleted.
   */
  private Tsv.Writer sessions(List<SessionRecord> records) {
    Map<UUID, SessionRecord> last = new LinkedHashMap<>();
    for (SessionRecord r : records) {
      last.put(r.id(), r);
    }
    Tsv.Writer w = new Tsv.Writer(last.size());
    for (SessionRecord r : last.values()) {
      w.num(site)
          .str(r.userKey())
          .str(r.id().toString())
          .num(r.start())
          .num(r.end())
          .num(r.eventCount())
          .num(r.pageViews())
          .num(r.productViews())
          .num(r.cartAdds())
          .num(r.checkouts())
          .num(r.purchases())
          .dbl(r.revenue())
          .str(r.currency())
          .str(r.entryPage())
          .str(r.exitPage())
          .num(r.mergedInto() != null ? 1 : 0)
          .end();
    }
    return w;
  }

  /** The UTC day of an epoch-millisecond time, as ClickHouse's Date reads it. */
  static String day(long epochMillis) {
    long d = Math.max(0, Math.min(LAST_DAY, Math.floorDiv(epochMillis, 86_400_000L)));
    DayText last = DAYS.get();
    if (last.day != d) {
      last.day = d;
      last.text = LocalDate.ofEpochDay(d).toString();
    }
    return last.text;
  }

  /** The text of the day last written, per thread: a batch's events fall on few days. */
  private static final class DayText {
    long day = -1;
    String text;
  }

  private static final ThreadLocal<DayText> DAYS = ThreadLocal.withInitial(DayText::new);
}
