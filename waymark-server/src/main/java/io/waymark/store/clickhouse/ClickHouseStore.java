package io.waymark.store.clickhouse;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waymark.events.Event;
import io.waymark.events.QuarantinedItem;
import io.waymark.sessions.SessionRecord;
import io.waymark.store.AnalyticalStore;
import io.waymark.store.EventCursor;
import io.waymark.store.PersonalTable;
import io.waymark.store.QuarantineFilter;
import io.waymark.store.SinkBatch;
import io.waymark.store.StoreException;
import io.waymark.store.UserSummary;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytical store on a ClickHouse server, shared by every Waymark instance that points at it.
 * Rows may be stored more than once (a replayed batch, a merge not yet run); every read
 * deduplicates them by id, so answers are the same as the embedded store's.
 */
public final class ClickHouseStore implements AnalyticalStore {

  private static final Logger log = LoggerFactory.getLogger(ClickHouseStore.class);

  /**
   * The site of every row until sites arrive (issue #17): the installation's first site. Every
   * table's key already starts with the site, so sites need no migration of the data.
   */
  public static final int DEFAULT_SITE = 1;

  /** FINAL reads: conditions must apply after the rows of an id are merged, never before. */
  private static final Map<String, String> AFTER_MERGE = Map.of("optimize_move_to_prewhere", "0");

  private final ClickHouseHttp http;
  private final ClickHouseWriter writer;
  private final ClickHouseErasure erasure;
  private final ClickHouseVersion version;
  private final MeterRegistry metrics;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final int site = DEFAULT_SITE;

  /** Connects, checks the server (reachable, account, version) and brings the schema forward. */
  public ClickHouseStore(ClickHouseSettings settings) {
    this(settings, Clock.systemUTC(), new SimpleMeterRegistry());
  }

  /** As above; query times go to {@code waymark.store.query} timers in {@code metrics}. */
  public ClickHouseStore(ClickHouseSettings settings, Clock clock, MeterRegistry metrics) {
    this.http = new ClickHouseHttp(settings);
    this.metrics = metrics;
    try {
      this.version = ClickHouseStartupCheck.verify(http);
      int applied = ClickHouseSchema.migrate(http, clock);
      log.info(
          "ClickHouse store: database '{}' at {}, schema version {} ({} steps applied now)",
          settings.database(),
          settings.url(),
          ClickHouseSchema.latest(),
          applied);
    } catch (RuntimeException e) {
      http.close();
      throw e;
    }
    this.writer = new ClickHouseWriter(http, site);
    this.erasure = new ClickHouseErasure(http, clock);
  }

  /** The store's connection, shared by the other ClickHouse stores of the same database. */
  ClickHouseHttp http() {
    return http;
  }

  ClickHouseErasure erasure() {
    return erasure;
  }

  /** The server's version, as checked at start. */
  public ClickHouseVersion version() {
    return version;
  }

  @Override
  public void write(SinkBatch batch) {
    timed(
        "sink write",
        () -> {
          writer.write(batch);
          return null;
        });
  }

  @Override
  public Map<String, Map<Integer, Long>> committedOffsets() {
    Map<String, Map<Integer, Long>> out = new HashMap<>();
    for (String[] r :
        rows("offsets", "SELECT topic, part, next_offset FROM sink_offsets FINAL", AFTER_MERGE)) {
      out.computeIfAbsent(r[0], t -> new HashMap<>())
          .put(Integer.parseInt(r[1]), Long.parseLong(r[2]));
    }
    return out;
  }

  /**
   * The candidates come from {@code users} (their keys, ordered by last event), their figures from
   * {@code events}: the count must be exact whatever was stored twice, which only a count of
   * distinct event ids is.
   */
  @Override
  public List<UserSummary> findUsers(String prefix, int limit) {
    String range =
        prefix.isEmpty()
            ? ""
            : " AND user_key >= " + Sql.str(prefix) + " AND user_key < " + Sql.prefixEnd(prefix);
    List<String> keys =
        rows(
                "users by prefix",
                "SELECT user_key FROM users WHERE site_id = "
                    + site
                    + range
                    + " GROUP BY user_key ORDER BY maxMerge(last_seen) DESC, user_key LIMIT "
                    + limit)
            .stream()
            .map(r -> r[0])
            .toList();
    if (keys.isEmpty()) {
      return List.of();
    }
    List<UserSummary> users = summaries("user_key IN (" + Sql.strs(keys) + ")");
    List<UserSummary> sorted = new ArrayList<>(users);
    sorted.sort(
        Comparator.comparingLong(UserSummary::lastSeen)
            .reversed()
            .thenComparing(UserSummary::userKey));
    return sorted;
  }

  @Override
  public Optional<UserSummary> user(String userKey) {
    return summaries("user_key = " + Sql.str(userKey)).stream().findFirst();
  }

  private List<UserSummary> summaries(String keyCondition) {
    return Rows.map(
        rows(
            "users by key",
            "SELECT user_key, max(user_id),"
                + " argMinIf(assumeNotNull(anonymous_id), ts, isNotNull(anonymous_id)),"
                + " min(ts), max(ts), uniqExact(event_id)"
                + " FROM events PREWHERE site_id = "
                + site
                + " AND "
                + keyCondition
                + " GROUP BY user_key"),
        r ->
            new UserSummary(
                r[0],
                r[1],
                r[2] == null || r[2].isEmpty() ? null : r[2],
                Long.parseLong(r[3]),
                Long.parseLong(r[4]),
                Long.parseLong(r[5])));
  }

  /**
   * Reads by the key's prefix (site, user, time); {@code LIMIT 1 BY event_id} drops copies that a
   * replay stored and no merge has removed yet. Ties in time are ordered by the id's text, as
   * everywhere in Waymark ({@link io.waymark.events.EventOrder}); ClickHouse's own UUID order is
   * not that.
   */
  @Override
  public List<Event> userEvents(String userKey, long fromMillis, long toMillis, int limit) {
    return Rows.map(
        rows(
            "events by user",
            "SELECT "
                + Rows.JOURNEY_SELECT
                + " FROM events PREWHERE site_id = "
                + site
                + " AND user_key = "
                + Sql.str(userKey)
                + " AND ts >= "
                + fromMillis
                + " AND ts < "
                + toMillis
                + " ORDER BY ts, toString(event_id) LIMIT 1 BY event_id LIMIT "
                + limit),
        r -> Rows.journeyEvent(r, userKey));
  }

  @Override
  public List<Event> userEventsBefore(String userKey, EventCursor before, int limit) {
    String cursor =
        before == null
            ? ""
            : " WHERE ts < "
                + before.timestamp()
                + " OR (ts = "
                + before.timestamp()
                + " AND toString(event_id) < '"
                + before.id()
                + "')";
    return Rows.map(
        rows(
            "events by user before",
            "SELECT "
                + Rows.EVENT_SELECT
                + " FROM events PREWHERE site_id = "
                + site
                + " AND user_key = "
                + Sql.str(userKey)
                + cursor
                + " ORDER BY ts DESC, toString(event_id) DESC LIMIT 1 BY event_id LIMIT "
                + limit),
        Rows::event);
  }

  /**
   * The anonymous ids whose first link is to {@code userId}: candidates by the user's key in {@code
   * links_by_user}, then each one's first link by its own key in {@code identity_links}.
   */
  @Override
  public List<String> linkedAnonymousIds(String userId) {
    return rows(
            "links by user",
            "SELECT anonymous_id, argMax(user_id, first_rank) AS owner, min(linked_at) AS first"
                + " FROM identity_links WHERE site_id = "
                + site
                + " AND anonymous_id IN (SELECT anonymous_id FROM links_by_user WHERE site_id = "
                + site
                + " AND user_id = "
                + Sql.str(userId)
                + ") GROUP BY anonymous_id HAVING owner = "
                + Sql.str(userId)
                + " ORDER BY first, anonymous_id LIMIT 1000")
        .stream()
        .map(r -> r[0])
        .toList();
  }

  /** The last write of each session wins ({@code FINAL}); merged-away sessions are deleted rows. */
  @Override
  public List<SessionRecord> userSessions(
      String userKey, long fromMillis, long toMillis, int limit) {
    return Rows.map(
        rows(
            "sessions by user",
            "SELECT "
                + Rows.SESSION_SELECT
                + " FROM sessions FINAL WHERE site_id = "
                + site
                + " AND user_key = "
                + Sql.str(userKey)
                + " AND deleted = 0 AND start_ts >= "
                + fromMillis
                + " AND start_ts < "
                + toMillis
                + " ORDER BY start_ts, toString(session_id) LIMIT "
                + limit,
            AFTER_MERGE),
        Rows::session);
  }

  @Override
  public List<QuarantinedItem> quarantine(QuarantineFilter f, EventCursor before, int limit) {
    List<String> where = new ArrayList<>();
    where.add("site_id = " + site);
    if (f.source() != null) {
      where.add("startsWith(source, " + Sql.str(f.source()) + ")");
    }
    if (f.text() != null) {
      String t = Sql.str(f.text().toLowerCase(Locale.ROOT));
      where.add(
          "(position(lowerUTF8(reason), "
              + t
              + ") > 0 OR position(lowerUTF8(errors), "
              + t
              + ") > 0)");
    }
    if (f.fromMillis() != null) {
      where.add("received_at >= " + f.fromMillis());
    }
    if (f.toMillis() != null) {
      where.add("received_at < " + f.toMillis());
    }
    if (before != null) {
      where.add(
          "(received_at < "
              + before.timestamp()
              + " OR (received_at = "
              + before.timestamp()
              + " AND toString(id) < '"
              + before.id()
              + "'))");
    }
    return Rows.map(
        rows(
            "quarantine",
            "SELECT "
                + Rows.QUARANTINE_SELECT
                + " FROM quarantine WHERE "
                + String.join(" AND ", where)
                + " ORDER BY received_at DESC, toString(id) DESC LIMIT 1 BY id LIMIT "
                + limit),
        Rows::quarantined);
  }

  @Override
  public Optional<QuarantinedItem> quarantineItem(UUID id) {
    return Rows.map(
            rows(
                "quarantine by id",
                "SELECT "
                    + Rows.QUARANTINE_SELECT
                    + " FROM quarantine WHERE site_id = "
                    + site
                    + " AND id = "
                    + Sql.uuid(id)
                    + " LIMIT 1"),
            Rows::quarantined)
        .stream()
        .findFirst();
  }

  @Override
  public long deleteQuarantineBefore(long receivedBeforeMillis) {
    return timed(
        "quarantine retention", () -> erasure.deleteQuarantineBefore(receivedBeforeMillis));
  }

  @Override
  public long countPersonal(PersonalTable table, List<String> identities) {
    return timed("erasure count", () -> erasure.count(table, identities));
  }

  @Override
  public long erasePersonal(PersonalTable table, List<String> identities) {
    return timed("erasure delete", () -> erasure.delete(table, identities));
  }

  /**
   * Waits for ClickHouse to finish every deletion and to remove the superseded parts from disk;
   * throws when either outlasts its timeout, so the erasure is retried rather than reported clean.
   */
  @Override
  public void purgeDeleted() {
    PurgeReport report = purge();
    if (!report.physicallyGone()) {
      throw new StoreException(
          report.mutationsDone()
              ? "ClickHouse still has "
                  + report.partsLeft().size()
                  + " superseded parts on disk after "
                  + report.waitedMillis()
                  + " ms (they go after the tables' old_parts_lifetime); raise"
                  + " waymark.clickhouse.purge-timeout or retry the erasure"
              : "ClickHouse has not finished its deletions within"
                  + " waymark.clickhouse.mutation-timeout; see system.mutations and retry");
    }
  }

  /** The purge, with its report (when the rewritten parts were physically gone). */
  public PurgeReport purge() {
    return erasure.purge();
  }

  @Override
  public void ping() {
    http.rows("SELECT 1");
  }

  @Override
  public void close() {
    http.close();
  }

  private List<String[]> rows(String name, String sql) {
    return rows(name, sql, Map.of());
  }

  private List<String[]> rows(String name, String sql, Map<String, String> settings) {
    return timed(name, () -> http.rows(sql, settings));
  }

  private <T> T timed(String name, Supplier<T> work) {
    long started = System.nanoTime();
    try {
      return work.get();
    } finally {
      timers
          .computeIfAbsent(
              name, n -> Timer.builder("waymark.store.query").tag("query", n).register(metrics))
          .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
  }
}
