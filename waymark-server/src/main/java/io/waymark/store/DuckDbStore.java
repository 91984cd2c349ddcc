package io.waymark.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waymark.events.Event;
import io.waymark.events.QuarantinedItem;
import io.waymark.sessions.SessionRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.duckdb.DuckDBConnection;

/**
 * The embedded analytical store: one DuckDB file under the data directory. One connection writes
 * (the sink); a small pool of duplicated connections serves queries concurrently.
 */
public final class DuckDbStore implements AnalyticalStore {

  private final DuckDBConnection root;
  private final DuckDbWriter writer;
  private final BlockingQueue<ReadConnection> readers;

  /**
   * A read connection with its prepared statements: DuckDB spends milliseconds planning a query,
   * far more than running a journey lookup, so each statement is prepared once per connection.
   */
  private record ReadConnection(Connection connection, Map<String, PreparedStatement> statements) {
    PreparedStatement prepare(String sql) throws SQLException {
      PreparedStatement ps = statements.get(sql);
      if (ps == null) {
        ps = connection.prepareStatement(sql);
        statements.put(sql, ps);
      }
      return ps;
    }
  }

  private final MeterRegistry metrics;

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
    this.metrics = metrics;
    try {
      Files.createDirectories(file.getParent());
      root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file);
      try (var s = root.createStatement()) {
        String limit = memoryLimit.equals("auto") ? halfOfMachineMemory() : memoryLimit;
        if (!limit.isBlank()) {
          s.execute("SET memory_limit = '" + limit.replace("'", "") + "'");
        }
        // DuckDB checkpoints the write-ahead log into the file at a commit once the log passes
        // this size; at the default (16 MB) a sink at 16,000 events/s checkpointed every ~2 s.
        s.execute("SET checkpoint_threshold = '" + checkpointThreshold.replace("'", "") + "'");
      }
      DuckDbSchema.migrate(root);
      writer = new DuckDbWriter(root.duplicate());
      readers = new ArrayBlockingQueue<>(readConnections);
      for (int i = 0; i < readConnections; i++) {
        readers.add(new ReadConnection(root.duplicate(), new HashMap<>()));
      }
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot open the DuckDB store "
              + file
              + ": "
              + e.getMessage()
              + ". Only one process may open it: stop any other Waymark using this data directory.",
          e);
    }
  }

  private static String halfOfMachineMemory() {
    var os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return (os.getTotalMemorySize() / 2 / (1024 * 1024)) + "MB";
  }

  @Override
  public void write(SinkBatch batch) {
    writer.write(batch);
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
    // The user_key index finds the rows; the time range also prunes row groups by their min/max.
    // Measured faster than isolating the user filter in a MATERIALIZED CTE (docs/decisions.md).
    return query(
        "SELECT "
            + StoreRows.JOURNEY_SELECT
            + " FROM events WHERE user_key = ? AND ts >= epoch_ms(?::BIGINT)"
            + " AND ts < epoch_ms(?::BIGINT) ORDER BY ts, event_id LIMIT ?",
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
  public List<QuarantinedItem> quarantine(EventCursor before, int limit) {
    String where =
        before == null
            ? ""
            : " WHERE epoch_ms(received_at) < ? OR (epoch_ms(received_at) = ? AND id < ?)";
    return query(
        "SELECT "
            + StoreRows.QUARANTINE_SELECT
            + " FROM quarantine"
            + where
            + " ORDER BY received_at DESC, id DESC LIMIT ?",
        ps -> {
          int i = 1;
          if (before != null) {
            ps.setLong(i++, before.timestamp());
            ps.setLong(i++, before.timestamp());
            ps.setObject(i++, before.id());
          }
          ps.setInt(i, limit);
        },
        StoreRows::quarantine);
  }

  /** Runs one write statement between sink batches; see {@link DuckDbWriter#update}. */
  long update(String sql, List<String> params) {
    return writer.update(sql, params);
  }

  /** Runs the statements in one transaction between sink batches. */
  void updateAll(List<String> statements) {
    writer.updateAll(statements);
  }

  @Override
  public void ping() {
    query("SELECT 1", ps -> {}, rs -> rs.next());
  }

  @Override
  public void close() {
    writer.close();
    List<ReadConnection> open = new ArrayList<>();
    readers.drainTo(open);
    List<Connection> all = new ArrayList<>();
    open.forEach(r -> all.add(r.connection()));
    all.add(root);
    for (Connection c : all) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
  }

  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  interface Reader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  <T> T query(String sql, Binder binder, Reader<T> reader) {
    long started = System.nanoTime();
    try {
      return timedQuery(sql, binder, reader);
    } finally {
      Timer.builder("waymark.store.query")
          .tag("query", sql.length() > 40 ? queryName(sql) : sql)
          .register(metrics)
          .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
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
