package io.waymark.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waymark.events.Event;
import io.waymark.events.QuarantinedItem;
import io.waymark.sessions.SessionRecord;
import io.waymark.store.DuckDbInstance.ReadConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded analytical store: one DuckDB file under the data directory. One connection writes
 * (the sink); a small pool of duplicated connections serves queries concurrently. Every use of the
 * connections holds the read side of a lock whose write side {@link StoreCompactor} takes for the
 * moment it swaps a rewritten file in.
 */
public final class DuckDbStore implements AnalyticalStore {

  private static final Logger log = LoggerFactory.getLogger(DuckDbStore.class);

  private final Path file;
  private final int readConnections;

  /** Reads for the API (journeys, search, insights) now running, and when the last one ended. */
  private final java.util.concurrent.atomic.AtomicInteger readsInFlight =
      new java.util.concurrent.atomic.AtomicInteger();

  private volatile long lastReadEndedNanos = System.nanoTime();

  /** The query timer of each statement (its name is worked out once, not on every query). */
  private final java.util.concurrent.ConcurrentHashMap<String, Timer> timers =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final DuckDbInstance.Tuning tuning;
  private final MeterRegistry metrics;
  // Fair, so that a waiting swap is not starved by a steady stream of queries.
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock(true);
  private final Object writeLock = new Object();
  private final AtomicLong appendedSinceCompaction = new AtomicLong();
  private final AtomicLong generation = new AtomicLong();
  private volatile DuckDbInstance db;
  private volatile boolean closed;
  private final SinkRecording recording = new SinkRecording();
  private final LinkedUsers linkedUsers = new LinkedUsers();

  /**
   * The newest {@code received_at} the sink wrote, in epoch millis ({@link Long#MIN_VALUE} until
   * first asked for: then one scan finds it). Kept here so that the customer refresher's question
   * "anything new?" never scans {@code events}, which a compacted file orders by user, not time.
   */
  private final AtomicLong newestReceived = new AtomicLong(Long.MIN_VALUE);

  private volatile boolean newestReceivedKnown;

  /** The last days of events in memory (decision 37); null when turned off. */
  private final RecentEvents recent;

  private final io.micrometer.core.instrument.Counter recentHits;
  private final io.micrometer.core.instrument.Counter recentMisses;

  public DuckDbStore(Path file, int readConnections, String memoryLimit) {
    this(file, readConnections, memoryLimit, "256MB", new SimpleMeterRegistry());
  }

  /** Opens the store; query times go to {@code waymark.store.query} timers in {@code metrics}. */
  public DuckDbStore(
      Path file,
      int readConnections,
      String memoryLimit,
      String checkpointThreshold,
      MeterRegistry metrics) {
    this(file, readConnections, memoryLimit, checkpointThreshold, metrics, null);
  }

  /**
   * Opens the store and, when {@code recent} is given, starts filling it from the store in the
   * background: journeys over its period are answered from memory once that is done.
   */
  DuckDbStore(
      Path file,
      int readConnections,
      String memoryLimit,
      String checkpointThreshold,
      MeterRegistry metrics,
      RecentEvents recent) {
    this.file = file;
    this.recent = recent;
    this.recentHits =
        io.micrometer.core.instrument.Counter.builder("waymark.store.recent.reads")
            .description("User event reads, by whether the recent events in memory answered")
            .tag("answered", "memory")
            .register(metrics);
    this.recentMisses =
        io.micrometer.core.instrument.Counter.builder("waymark.store.recent.reads")
            .tag("answered", "duckdb")
            .register(metrics);
    this.readConnections = readConnections;
    this.tuning = new DuckDbInstance.Tuning(memoryLimit, checkpointThreshold);
    this.metrics = metrics;
    try {
      StoreCompactor.removeLeftovers(file);
      db = DuckDbInstance.open(file, tuning, readConnections);
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot open the DuckDB store "
              + file
              + ": "
              + e.getMessage()
              + ". Only one process may open it: stop any other Waymark using this data directory.",
          e);
    }
    query(
        "SELECT DISTINCT user_id FROM identity_links",
        ps -> {},
        rs -> {
          while (rs.next()) {
            linkedUsers.add(rs.getString(1));
          }
          return null;
        });
    if (recent != null) {
      registerRecentGauges(metrics, recent);
      Thread loader = new Thread(this::loadRecent, "waymark-recent-events-load");
      loader.setDaemon(true);
      loader.setPriority(io.waymark.platform.BackgroundPriority.processing());
      loader.start();
    }
  }

  /** Users per chunk of the loader: one short query each, so a compaction's swap never waits. */
  static final int LOAD_CHUNK_USERS = 5_000;

  private static final String LOAD_SELECT =
      "SELECT user_key, CASE WHEN user_id IS NOT NULL THEN anonymous_id END, event_id,"
          + " session_id, type, epoch_ms(ts),"
          + " page_url, page_name, product_id, order_id, amount, currency, search_query"
          + " FROM events WHERE ts >= epoch_ms(?::BIGINT)";

  /**
   * Fills {@link #recent} with what the store holds from its floor on: in ranges of user keys, so
   * that each query is short (a compacted file is in user order, so each reads few row groups).
   */
  private void loadRecent() {
    long started = System.nanoTime();
    try {
      long floor = recent.floor();
      List<String> bounds =
          query(
              "SELECT user_key FROM (SELECT user_key, row_number() OVER (ORDER BY user_key) AS n"
                  + " FROM users) WHERE n % ? = 0 ORDER BY user_key",
              ps -> ps.setInt(1, LOAD_CHUNK_USERS),
              rs -> {
                List<String> keys = new ArrayList<>();
                while (rs.next()) {
                  keys.add(rs.getString(1));
                }
                return keys;
              });
      long rows = 0;
      for (int i = 0; i <= bounds.size() && !closed; i++) {
        String lower = i == 0 ? null : bounds.get(i - 1);
        String upper = i == bounds.size() ? null : bounds.get(i);
        String sql =
            LOAD_SELECT
                + (lower == null ? "" : " AND user_key >= ?")
                + (upper == null ? "" : " AND user_key < ?");
        List<RecentEvents.Loaded> chunk =
            query(
                sql,
                ps -> {
                  int p = 1;
                  ps.setLong(p++, floor);
                  if (lower != null) {
                    ps.setString(p++, lower);
                  }
                  if (upper != null) {
                    ps.setString(p, upper);
                  }
                },
                rs -> {
                  List<RecentEvents.Loaded> out = new ArrayList<>();
                  while (rs.next()) {
                    double amount = rs.getDouble(11);
                    Double money = rs.wasNull() ? null : amount;
                    java.util.UUID id = (java.util.UUID) rs.getObject(3);
                    out.add(
                        new RecentEvents.Loaded(
                            rs.getString(1),
                            new RecentEvents.Held(
                                rs.getLong(6),
                                id.getMostSignificantBits(),
                                id.getLeastSignificantBits(),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getString(9),
                                rs.getString(10),
                                money,
                                rs.getString(12),
                                rs.getString(13),
                                rs.getString(2))));
                  }
                  return out;
                });
        recent.loaded(chunk);
        rows += chunk.size();
      }
      if (closed) {
        return;
      }
      recent.loadFinished();
      log.info(
          "recent events: {} events of {} users since {} loaded into memory in {} ms (cap {});"
              + " journeys from then on need no DuckDB lookup",
          rows,
          recent.users(),
          Instant.ofEpochMilli(floor),
          (System.nanoTime() - started) / 1_000_000,
          recent.maxEvents());
    } catch (RuntimeException e) {
      if (!closed) {
        log.error(
            "recent events: loading them from {} failed ({}); journeys keep reading DuckDB, which"
                + " is slower but complete. Restart Waymark to try again; if it repeats, set"
                + " waymark.store.recent.enabled=false and report the error",
            file,
            e.toString(),
            e);
      }
    }
  }

  private static void registerRecentGauges(MeterRegistry metrics, RecentEvents recent) {
    io.micrometer.core.instrument.Gauge.builder("waymark.store.recent.events", recent::size)
        .description("Events held in memory for journeys (the last days; decision 37)")
        .register(metrics);
    io.micrometer.core.instrument.Gauge.builder("waymark.store.recent.users", recent::users)
        .description("Users with events held in memory for journeys")
        .register(metrics);
    io.micrometer.core.instrument.Gauge.builder(
            "waymark.store.recent.ready", () -> recent.ready() ? 1 : 0)
        .description("1 once the recent events are loaded and answer journeys")
        .register(metrics);
    io.micrometer.core.instrument.Gauge.builder(
            "waymark.store.recent.floor", () -> recent.floor() / 1000.0)
        .description(
            "Epoch seconds from which every stored event is held in memory; journeys over"
                + " earlier periods read DuckDB")
        .baseUnit("seconds")
        .register(metrics);
  }

  @Override
  public void write(SinkBatch batch) {
    gate.readLock().lock();
    try {
      synchronized (writeLock) {
        List<Event> inserted = db.writer.write(batch);
        if (recent != null) {
          recent.added(inserted);
        }
        long newest = Long.MIN_VALUE;
        for (Event e : batch.events()) {
          newest = Math.max(newest, e.receivedAt());
          if (DuckDbWriter.linksIdentity(e)) {
            linkedUsers.add(e.userId());
          }
        }
        newestReceived.accumulateAndGet(newest, Math::max);
        appendedSinceCompaction.addAndGet(batch.events().size());
        recording.add(batch);
      }
    } finally {
      gate.readLock().unlock();
    }
  }

  /**
   * Runs a write other than a sink batch (it must be idempotent) between two sink batches, and
   * records it for a compaction in progress so the rewritten file has it too.
   */
  <T> T writeOutsideSink(SqlWrite<T> write) {
    gate.readLock().lock();
    try {
      synchronized (writeLock) {
        T result;
        try (DuckDBConnection c = (DuckDBConnection) db.root.duplicate()) {
          result = write.run(c);
        }
        recording.add(
            target -> {
              try (DuckDBConnection c = (DuckDBConnection) target.duplicate()) {
                write.run(c);
              }
            });
        return result;
      }
    } catch (java.sql.SQLException e) {
      throw new StoreException("store write failed: " + e.getMessage(), e);
    } finally {
      gate.readLock().unlock();
    }
  }

  /**
   * Runs {@code work} on a connection its caller keeps to the current file (see {@link
   * #connectionToCurrentFile}, renewed when {@link #generation} changes), never during a swap. A
   * write runs between two sink batches and, while a compaction copies the store, {@code replay}
   * (the same idempotent write on a connection to the new file) is recorded for it.
   */
  <T> T outsideSink(boolean writes, SqlWrite0<T> work, SqlAction replay) {
    gate.readLock().lock();
    try {
      if (!writes) {
        return work.run();
      }
      synchronized (writeLock) {
        T result = work.run();
        recording.add(replay);
        return result;
      }
    } catch (SQLException e) {
      throw new StoreException("store access failed: " + e.getMessage(), e);
    } finally {
      gate.readLock().unlock();
    }
  }

  interface SqlWrite0<T> {
    T run() throws SQLException;
  }

  /** Changes each time a compaction swaps a new file in: connections from before are closed. */
  long generation() {
    return generation.get();
  }

  /** A new connection to the current file; call it inside {@link #outsideSink}. */
  DuckDBConnection connectionToCurrentFile() throws SQLException {
    return (DuckDBConnection) db.root.duplicate();
  }

  /** Runs a read on a fresh connection to the current file (never during a swap). */
  <T> T readOutsideSink(SqlWrite<T> read) {
    gate.readLock().lock();
    try (DuckDBConnection c = (DuckDBConnection) db.root.duplicate()) {
      return read.run(c);
    } catch (java.sql.SQLException e) {
      throw new StoreException("store query failed: " + e.getMessage(), e);
    } finally {
      gate.readLock().unlock();
    }
  }

  interface SqlWrite<T> {
    T run(DuckDBConnection c) throws java.sql.SQLException;
  }

  /** The DuckDB file this store serves. */
  Path file() {
    return file;
  }

  /** Events the sink handed over since the last compaction swapped a file in (or since start). */
  long appendedSinceCompaction() {
    return appendedSinceCompaction.get();
  }

  interface SqlAction {
    void run(DuckDBConnection c) throws SQLException;
  }

  /**
   * A new connection to the current file on which {@code pin} has opened a transaction, taken
   * between two sink batches; every batch committed from then on is recorded (up to {@code
   * maxEvents}) for {@link #drainRecorded}. The caller closes the connection before {@link #swap}.
   */
  DuckDBConnection snapshot(SqlAction pin, long maxEvents) throws SQLException {
    gate.readLock().lock();
    try {
      synchronized (writeLock) {
        DuckDBConnection c = (DuckDBConnection) db.root.duplicate();
        try {
          pin.run(c);
        } catch (SQLException | RuntimeException e) {
          c.close();
          throw e;
        }
        recording.start(maxEvents);
        return c;
      }
    } finally {
      gate.readLock().unlock();
    }
  }

  /** The batches recorded since the last call; fails when more arrived than the cap allows. */
  List<SinkRecording.Write> drainRecorded() {
    return recording.drain();
  }

  /** Stops recording after a failed compaction. */
  void stopRecording() {
    recording.stop();
  }

  interface Replay {
    /** Writes the last recorded batches into the new file, then closes it cleanly. */
    void finish(List<SinkRecording.Write> lastBatches) throws Exception;
  }

  /**
   * Swaps {@code fresh} in for the current file: with queries and the sink held off, replays the
   * last recorded batches into it, closes the current database (checkpointed, so no log is left),
   * renames the fresh file over the old one in one atomic step and opens it. Returns the pause in
   * milliseconds. If anything fails before the rename, the old file is reopened unchanged.
   */
  long swap(Path fresh, Replay replay) throws Exception {
    gate.writeLock().lock();
    long started = System.nanoTime();
    try {
      if (closed) {
        throw new StoreException("the store was closed during the compaction; nothing swapped");
      }
      List<SinkRecording.Write> last = drainRecorded();
      stopRecording();
      replay.finish(last);
      long replayed = System.nanoTime();
      db.checkpoint();
      db.close();
      db = null;
      long closed = System.nanoTime();
      // The old file's log, if DuckDB left one, holds nothing the fresh file lacks (every commit
      // was copied or replayed), and left in place it would be replayed onto the new file.
      Files.deleteIfExists(wal(file));
      Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      db = DuckDbInstance.open(file, tuning, readConnections);
      generation.incrementAndGet();
      appendedSinceCompaction.set(0);
      long now = System.nanoTime();
      log.info(
          "compaction swap of {}: {} last batches replayed and the copy closed in {} ms, old file"
              + " checkpointed and closed in {} ms, renamed and reopened in {} ms",
          file,
          last.size(),
          (replayed - started) / 1_000_000,
          (closed - replayed) / 1_000_000,
          (now - closed) / 1_000_000);
      return (now - started) / 1_000_000;
    } catch (Exception e) {
      stopRecording();
      if (db == null && !closed) {
        log.error(
            "compaction failed while swapping files ({}); reopening {} as it is on disk",
            e.getMessage(),
            file);
        db = DuckDbInstance.open(file, tuning, readConnections);
        generation.incrementAndGet();
      }
      throw e;
    } finally {
      gate.writeLock().unlock();
    }
  }

  static Path wal(Path db) {
    return db.resolveSibling(db.getFileName() + ".wal");
  }

  /** The DuckDB settings the store opens files with; the compactor opens its copy the same way. */
  DuckDbInstance.Tuning tuning() {
    return tuning;
  }

  /**
   * The newest {@code received_at} in {@code events} (null when empty): from what the sink wrote
   * since the store opened, after one scan for what was there before.
   */
  Instant newestReceivedAt() {
    if (!newestReceivedKnown) {
      Long stored =
          query(
              "SELECT epoch_ms(max(received_at)) FROM events",
              ps -> {},
              rs -> {
                rs.next();
                long v = rs.getLong(1);
                return rs.wasNull() ? null : v;
              });
      if (stored != null) {
        newestReceived.accumulateAndGet(stored, Math::max);
      }
      newestReceivedKnown = true;
    }
    long v = newestReceived.get();
    return v == Long.MIN_VALUE ? null : Instant.ofEpochMilli(v);
  }

  @Override
  public Map<String, Map<Integer, Long>> committedOffsets() {
    return query(
        "SELECT topic, part, next_offset FROM sink_offsets",
        ps -> {},
        rs -> {
          Map<String, Map<Integer, Long>> out = new HashMap<>();
          while (rs.next()) {
            out.computeIfAbsent(rs.getString(1), t -> new HashMap<>())
                .put(rs.getInt(2), rs.getLong(3));
          }
          return out;
        });
  }

  @Override
  public List<UserSummary> findUsers(String prefix, int limit) {
    if (prefix.isEmpty()) {
      return query(
          "SELECT "
              + StoreRows.USER_COLUMNS
              + " FROM users ORDER BY last_seen DESC, user_key LIMIT ?",
          ps -> ps.setInt(1, limit),
          StoreRows::users);
    }
    // A key range rather than LIKE: DuckDB can answer a range from the primary-key index, while
    // LIKE with a bound parameter scans every user.
    return query(
        "SELECT "
            + StoreRows.USER_COLUMNS
            + " FROM users WHERE user_key >= ? AND user_key < ?"
            + " ORDER BY last_seen DESC, user_key LIMIT ?",
        ps -> {
          ps.setString(1, prefix);
          ps.setString(
              2, prefix + "\uDBFF\uDFFF"); // U+10FFFF sorts after every key with this prefix
          ps.setInt(3, limit);
        },
        StoreRows::users);
  }

  @Override
  public Optional<UserSummary> user(String userKey) {
    return query(
            "SELECT " + StoreRows.USER_COLUMNS + " FROM users WHERE user_key = ?",
            ps -> ps.setString(1, userKey),
            StoreRows::users)
        .stream()
        .findFirst();
  }

  @Override
  public List<Event> userEvents(String userKey, long fromMillis, long toMillis, int limit) {
    // The filters prune row groups by their min/max (the compacted file is in user and time
    // order). Unordered first: DuckDB's ORDER BY ... LIMIT doubled the lookup (2.2 ms to 4.2 ms
    // on a compacted store, docs/benchmarks.md), and sorting the few rows here costs microseconds.
    // Only when the period holds at least `limit` events does the order decide which are
    // returned; then the store sorts. Recent periods are answered from memory (decision 37).
    if (recent != null) {
      List<Event> held = recent.events(userKey, fromMillis, toMillis, limit);
      if (held != null) {
        recentHits.increment();
        return held;
      }
      recentMisses.increment();
    }
    List<Event> rows = userEventsQuery(USER_EVENTS, userKey, fromMillis, toMillis, limit);
    if (rows.size() < limit) {
      List<Event> sorted = new ArrayList<>(rows);
      sorted.sort(io.waymark.events.EventOrder.OLDEST_FIRST);
      return sorted;
    }
    return userEventsQuery(USER_EVENTS_ORDERED, userKey, fromMillis, toMillis, limit);
  }

  private static final String USER_EVENTS =
      "SELECT "
          + StoreRows.JOURNEY_SELECT
          + " FROM events WHERE user_key = ? AND ts >= epoch_ms(?::BIGINT)"
          + " AND ts < epoch_ms(?::BIGINT) LIMIT ?";

  private static final String USER_EVENTS_ORDERED =
      USER_EVENTS.replace(" LIMIT ?", " ORDER BY ts, event_id LIMIT ?");

  private List<Event> userEventsQuery(
      String sql, String userKey, long fromMillis, long toMillis, int limit) {
    return query(
        sql,
        ps -> {
          ps.setString(1, userKey);
          ps.setLong(2, fromMillis);
          ps.setLong(3, toMillis);
          ps.setInt(4, limit);
        },
        rs -> StoreRows.journeyEvents(rs, userKey));
  }

  @Override
  public List<String> linkedAnonymousIds(String userId) {
    if (!linkedUsers.mayHave(userId)) {
      return List.of(); // most users have no link: skip the lookup
    }
    return query(
        "SELECT anonymous_id FROM identity_links WHERE user_id = ? ORDER BY linked_at LIMIT 1000",
        ps -> ps.setString(1, userId),
        rs -> {
          List<String> ids = new java.util.ArrayList<>();
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
          return ids;
        });
  }

  @Override
  public List<Event> userEventsBefore(String userKey, EventCursor before, int limit) {
    String where = before == null ? "" : " WHERE ts_ms < ? OR (ts_ms = ? AND event_id < ?)";
    return query(
        "WITH u AS MATERIALIZED (SELECT "
            + StoreRows.EVENT_SELECT
            + " FROM events WHERE user_key = ?)"
            + " SELECT * FROM u"
            + where
            + " ORDER BY ts_ms DESC, event_id DESC LIMIT ?",
        ps -> {
          int i = 1;
          ps.setString(i++, userKey);
          if (before != null) {
            ps.setLong(i++, before.timestamp());
            ps.setLong(i++, before.timestamp());
            ps.setObject(i++, before.id());
          }
          ps.setInt(i, limit);
        },
        StoreRows::events);
  }

  @Override
  public List<SessionRecord> userSessions(
      String userKey, long fromMillis, long toMillis, int limit) {
    return query(
        "SELECT "
            + DuckDbSessions.SELECT
            + " FROM sessions WHERE user_key = ? AND start_ts >= epoch_ms(?::BIGINT)"
            + " AND start_ts < epoch_ms(?::BIGINT) ORDER BY start_ts LIMIT ?",
        ps -> {
          ps.setString(1, userKey);
          ps.setLong(2, fromMillis);
          ps.setLong(3, toMillis);
          ps.setInt(4, limit);
        },
        DuckDbSessions::read);
  }

  @Override
  public List<QuarantinedItem> quarantine(QuarantineFilter f, EventCursor before, int limit) {
    List<String> where = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (f.source() != null) {
      where.add("starts_with(source, ?)");
      params.add(f.source());
    }
    if (f.text() != null) {
      where.add("(contains(lower(reason), ?) OR contains(lower(errors), ?))");
      String t = f.text().toLowerCase(java.util.Locale.ROOT);
      params.add(t);
      params.add(t);
    }
    if (f.fromMillis() != null) {
      where.add("received_at >= epoch_ms(?::BIGINT)");
      params.add(f.fromMillis());
    }
    if (f.toMillis() != null) {
      where.add("received_at < epoch_ms(?::BIGINT)");
      params.add(f.toMillis());
    }
    if (before != null) {
      where.add("(epoch_ms(received_at) < ? OR (epoch_ms(received_at) = ? AND id < ?))");
      params.add(before.timestamp());
      params.add(before.timestamp());
      params.add(before.id());
    }
    params.add(limit);
    return query(
        "SELECT "
            + StoreRows.QUARANTINE_SELECT
            + " FROM quarantine"
            + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
            + " ORDER BY received_at DESC, id DESC LIMIT ?",
        ps -> {
          for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
          }
        },
        StoreRows::quarantine);
  }

  /** Runs one write statement between sink batches; see {@link DuckDbWriter#update}. */
  long update(String sql, List<String> params) {
    return writeOutsideSink(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
              ps.setString(i + 1, params.get(i));
            }
            return (long) ps.executeUpdate();
          }
        });
  }

  /** Runs the statements in one transaction between sink batches. */
  void updateAll(List<String> statements) {
    writeOutsideSink(
        c -> {
          c.setAutoCommit(false);
          try (var s = c.createStatement()) {
            for (String sql : statements) {
              s.execute(sql);
            }
            c.commit();
          } catch (SQLException e) {
            c.rollback();
            throw e;
          }
          return null;
        });
  }

  @Override
  public long countPersonal(PersonalTable table, List<String> identities) {
    gate.readLock().lock();
    try {
      long stored = new DuckDbErasure(db.root).count(table, identities);
      // The events in memory are a copy of some stored ones, so they never outnumber them unless
      // an erasure left some behind in memory: then the verification must see those too.
      return table == PersonalTable.EVENTS && recent != null
          ? Math.max(stored, recent.count(identities))
          : stored;
    } finally {
      gate.readLock().unlock();
    }
  }

  /** Between two sink batches, recorded for a compaction in progress (see writeOutsideSink). */
  @Override
  public long erasePersonal(PersonalTable table, List<String> identities) {
    return writeOutsideSink(
        c -> {
          long deleted = new DuckDbErasure(c).delete(table, identities);
          if (table == PersonalTable.EVENTS && recent != null) {
            recent.remove(identities); // under the write lock: no sink batch in between
          }
          return deleted;
        });
  }

  /**
   * Checkpoints, so the write-ahead log no longer holds deleted rows; the blocks of the file still
   * do until {@link StoreCompactor#compactNow} rewrites it.
   */
  @Override
  public void purgeDeleted() {
    gate.readLock().lock();
    try {
      new DuckDbErasure(db.root).checkpoint();
    } finally {
      gate.readLock().unlock();
    }
  }

  /** Between two sink batches, recorded for a compaction in progress (see writeOutsideSink). */
  @Override
  public long deleteQuarantineBefore(long receivedBeforeMillis) {
    return writeOutsideSink(
        c -> {
          try (var ps =
              c.prepareStatement(
                  "DELETE FROM quarantine WHERE received_at < epoch_ms(?::BIGINT)")) {
            ps.setLong(1, receivedBeforeMillis);
            return (long) ps.executeUpdate();
          }
        });
  }

  @Override
  public Optional<QuarantinedItem> quarantineItem(java.util.UUID id) {
    return query(
            "SELECT " + StoreRows.QUARANTINE_SELECT + " FROM quarantine WHERE id = ?",
            ps -> ps.setObject(1, id),
            StoreRows::quarantine)
        .stream()
        .findFirst();
  }

  @Override
  public void ping() {
    query("SELECT 1", ps -> {}, rs -> rs.next());
  }

  @Override
  public void close() {
    gate.writeLock().lock();
    try {
      closed = true;
      if (db != null) {
        db.close();
        db = null;
      }
    } finally {
      gate.writeLock().unlock();
    }
  }

  /**
   * Waits until no API read has run for {@code quiet}, but at most {@code max}: background work
   * (the customer refresher) calls it between its units so that DuckDB, which runs every query on
   * all cores, serves the people waiting on an answer first. The bound keeps the background work
   * moving under a constant stream of reads. Returns whether the store was quiet.
   */
  public boolean awaitQuiet(java.time.Duration quiet, java.time.Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    long quietNanos = quiet.toNanos();
    while (readsInFlight.get() > 0 || System.nanoTime() - lastReadEndedNanos < quietNanos) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  interface Reader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  <T> T query(String sql, Binder binder, Reader<T> reader) {
    long started = System.nanoTime();
    readsInFlight.incrementAndGet();
    try {
      return timedQuery(sql, binder, reader);
    } finally {
      readsInFlight.decrementAndGet();
      lastReadEndedNanos = System.nanoTime();
      Timer timer = timers.get(sql);
      if (timer == null) {
        timer =
            Timer.builder("waymark.store.query")
                .tag("query", sql.length() > 40 ? queryName(sql) : sql)
                .register(metrics);
        if (timers.size() < 1_000) { // statements are constants; the bound is only a safeguard
          timers.put(sql, timer);
        }
      }
      timer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }

  private static String queryName(String sql) {
    int from = sql.indexOf(" FROM ");
    String table = from < 0 ? "?" : sql.substring(from + 6).split("[ )]")[0];
    return table
        + (sql.contains("user_key = ?") ? " by user" : "")
        + (sql.contains("LIKE") ? " by prefix" : "");
  }

  private <T> T timedQuery(String sql, Binder binder, Reader<T> reader) {
    gate.readLock().lock();
    try {
      DuckDbInstance current = db;
      if (current == null) {
        throw new StoreException("the store is closed (" + file + "); restart Waymark");
      }
      return pooledQuery(current.readers, sql, binder, reader);
    } finally {
      gate.readLock().unlock();
    }
  }

  private static <T> T pooledQuery(
      BlockingQueue<ReadConnection> readers, String sql, Binder binder, Reader<T> reader) {
    ReadConnection c;
    try {
      c = readers.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for a store connection", e);
    }
    try {
      PreparedStatement ps = c.prepare(sql);
      ps.clearParameters();
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        return reader.read(rs);
      }
    } catch (SQLException e) {
      throw new StoreException("store query failed: " + e.getMessage(), e);
    } finally {
      readers.add(c);
    }
  }
}
