package io.waymark.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.duckdb.DuckDBConnection;

/**
 * One open DuckDB database file: the root connection, the sink's writer and the pool of read
 * connections. The store swaps one instance for another when compaction replaces the file.
 */
final class DuckDbInstance implements AutoCloseable {

  /** How a database is opened: DuckDB's memory limit and checkpoint threshold. */
  record Tuning(String memoryLimit, String checkpointThreshold) {}

  /**
   * A read connection with its prepared statements: DuckDB spends milliseconds planning a query,
   * far more than running a journey lookup, so each statement is prepared once per connection.
   */
  record ReadConnection(Connection connection, Map<String, PreparedStatement> statements) {
    PreparedStatement prepare(String sql) throws SQLException {
      PreparedStatement ps = statements.get(sql);
      if (ps == null) {
        ps = connection.prepareStatement(sql);
        statements.put(sql, ps);
      }
      return ps;
    }
  }

  final Path file;
  final DuckDBConnection root;
  final DuckDbWriter writer;
  final BlockingQueue<ReadConnection> readers;

  private DuckDbInstance(
      Path file, DuckDBConnection root, DuckDbWriter writer, BlockingQueue<ReadConnection> r) {
    this.file = file;
    this.root = root;
    this.writer = writer;
    this.readers = r;
  }

  /** Opens (or creates) the file, brings its schema forward and opens the connections. */
  static DuckDbInstance open(Path file, Tuning tuning, int readConnections) throws Exception {
    Files.createDirectories(file.getParent());
    DuckDBConnection root = openAtBackgroundPriority(file);
    try {
      try (var s = root.createStatement()) {
        String limit =
            tuning.memoryLimit().equals("auto") ? halfOfMachineMemory() : tuning.memoryLimit();
        if (!limit.isBlank()) {
          s.execute("SET memory_limit = '" + limit.replace("'", "") + "'");
        }
        // DuckDB checkpoints the write-ahead log into the file at a commit once the log passes
        // this size; at the default (16 MB) a sink at 16,000 events/s checkpointed every ~2 s.
        s.execute(
            "SET checkpoint_threshold = '" + tuning.checkpointThreshold().replace("'", "") + "'");
      }
      DuckDbSchema.migrate(root);
      DuckDbWriter writer = new DuckDbWriter(root.duplicate());
      BlockingQueue<ReadConnection> readers =
          new ArrayBlockingQueue<>(Math.max(1, readConnections));
      for (int i = 0; i < readConnections; i++) {
        readers.add(new ReadConnection(root.duplicate(), new HashMap<>()));
      }
      return new DuckDbInstance(file, root, writer, readers);
    } catch (Exception e) {
      root.close();
      throw e;
    }
  }

  /**
   * Opens the database from a thread at background priority. DuckDB starts its worker threads as
   * the database opens, and they inherit the opening thread's OS priority (and name); so the sink's
   * inserts and a compaction, which DuckDB's workers share with the calling thread, yield the cores
   * to the collector under saturation like the rest of the processing (decision 35). A query still
   * runs at its caller's priority on the calling thread.
   */
  private static DuckDBConnection openAtBackgroundPriority(Path file) throws SQLException {
    var opened = new java.util.concurrent.CompletableFuture<DuckDBConnection>();
    Thread opener =
        new Thread(
            () -> {
              try {
                opened.complete(
                    (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file));
              } catch (Throwable e) {
                opened.completeExceptionally(e);
              }
            },
            "waymark-duckdb");
    opener.setDaemon(true);
    opener.setPriority(io.waymark.platform.BackgroundPriority.processing());
    opener.start();
    try {
      return opened.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while opening " + file, e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new SQLException("cannot open " + file + ": " + e.getCause(), e.getCause());
    }
  }

  private static String halfOfMachineMemory() {
    var os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return (os.getTotalMemorySize() / 2 / (1024 * 1024)) + "MB";
  }

  /** Writes the log into the file, so that closing leaves no {@code .wal} beside it. */
  void checkpoint() throws SQLException {
    try (var s = root.createStatement()) {
      s.execute("CHECKPOINT");
    }
  }

  /** Closes every connection; the caller guarantees no query or write is in flight. */
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
}
