package io.waymark.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites the DuckDB store into a fresh file with events and sessions in (user key, time) order
 * and swaps it in while Waymark runs; the old file is deleted. Because only live rows are copied,
 * this is also what physically purges deleted rows after an erasure: call {@link #compactNow}. See
 * docs/operations.md ("Store compaction") and docs/decisions.md.
 */
public final class StoreCompactor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StoreCompactor.class);
  private static final String TARGET = "waymark_compact";
  private static final int CATCH_UP_ROUNDS = 5;

  /** A point inside a run where a test can make it fail, as a crash there would. */
  interface Faults {
    Faults NONE = () -> {};

    /** Called with the tables copied into the fresh file, before its keys and indexes. */
    void midCopy() throws Exception;
  }

  private final DuckDbStore store;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final long maxBufferedEvents;
  private final Faults faults;
  private final AtomicLong ids = new AtomicLong();
  private final ExecutorService background =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().daemon().name("compaction").unstarted(r));
  private volatile CompactionRun current;
  private volatile CompactionRun last;

  public StoreCompactor(
      DuckDbStore store, Clock clock, MeterRegistry metrics, long maxBufferedEvents) {
    this(store, clock, metrics, maxBufferedEvents, Faults.NONE);
  }

  StoreCompactor(
      DuckDbStore store, Clock clock, MeterRegistry metrics, long maxBufferedEvents, Faults f) {
    this.store = store;
    this.clock = clock;
    this.metrics = metrics;
    this.maxBufferedEvents = maxBufferedEvents;
    this.faults = f;
  }

  /** The run in progress, if any. */
  public Optional<CompactionRun> current() {
    return Optional.ofNullable(current);
  }

  /** The last finished run since start, if any. */
  public Optional<CompactionRun> last() {
    return Optional.ofNullable(last);
  }

  /**
   * Starts a run in the background unless one is already running, and returns the run that is in
   * progress (the new one, or the one that was already going).
   */
  public synchronized CompactionRun start(String trigger) {
    if (current != null) {
      return current;
    }
    CompactionRun run = begin(trigger);
    background.execute(() -> execute(run));
    return run;
  }

  /**
   * Compacts now and returns when the new file is in place and the old one deleted; waits for a run
   * already in progress first, because that one may have copied rows deleted since.
   */
  public CompactionRun compactNow(String trigger) {
    synchronized (this) {
      while (current != null) {
        try {
          wait(1_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StoreException("interrupted while waiting for a running compaction", e);
        }
      }
      current = CompactionRun.running(ids.incrementAndGet(), trigger, clock.instant(), size());
    }
    return execute(current);
  }

  private synchronized CompactionRun begin(String trigger) {
    current = CompactionRun.running(ids.incrementAndGet(), trigger, clock.instant(), size());
    return current;
  }

  private CompactionRun execute(CompactionRun run) {
    long started = System.nanoTime();
    Path file = store.file();
    Path fresh = freshFile(file);
    CompactionRun done;
    try {
      log.info("compacting {} ({} bytes) into {}", file, run.bytesBefore(), fresh);
      removeLeftovers(file);
      long[] rows = copy(fresh);
      long copyMs = (System.nanoTime() - started) / 1_000_000;
      long pause = swapIn(fresh);
      long ms = (System.nanoTime() - started) / 1_000_000;
      done = run.succeeded(clock.instant(), ms, rows[0], rows[1], copyMs, pause, size());
      log.info(
          "compacted {}: {} events, {} sessions in {} ms (sink and queries paused {} ms); {} -> {}"
              + " bytes",
          file,
          rows[0],
          rows[1],
          ms,
          pause,
          done.bytesBefore(),
          done.bytesAfter());
    } catch (Exception e) {
      store.stopRecording();
      deleteQuietly(fresh);
      deleteQuietly(DuckDbStore.wal(fresh));
      long ms = (System.nanoTime() - started) / 1_000_000;
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      done = run.failed(clock.instant(), ms, why);
      log.error(
          "compaction of {} failed: {}. The store keeps serving the old file unchanged; check"
              + " free disk space (a rewrite needs about the store's size again) and retry with"
              + " POST /api/v1/admin/store/compaction.",
          file,
          why,
          e);
    }
    Timer.builder("waymark.store.compaction")
        .description("store compaction runs, from start to the new file in place")
        .tag("outcome", done.status().name().toLowerCase(java.util.Locale.ROOT))
        .register(metrics)
        .record(done.durationMs(), TimeUnit.MILLISECONDS);
    if (done.status() == CompactionRun.Status.SUCCEEDED) {
      Timer.builder("waymark.store.compaction.pause")
          .description("how long a compaction held off the sink and queries")
          .register(metrics)
          .record(done.pauseMs(), TimeUnit.MILLISECONDS);
    }
    synchronized (this) {
      last = done;
      current = null;
      notifyAll();
    }
    return done;
  }

  /**
   * Copies one consistent snapshot of every table into {@code fresh} (events and sessions sorted)
   * while the sink keeps writing into the current file; returns the event and session rows.
   */
  private long[] copy(Path fresh) throws Exception {
    String[] source = new String[1];
    try (DuckDBConnection c =
        store.snapshot(
            conn -> {
              DuckDbCopy.detachQuietly(conn, TARGET);
              source[0] = DuckDbCopy.attach(conn, fresh, TARGET);
              try (var s = conn.createStatement()) {
                s.execute("BEGIN TRANSACTION");
                // The first read fixes the transaction's snapshot, between two sink batches.
                s.executeQuery("SELECT count(*) FROM sink_offsets").close();
              }
            },
            maxBufferedEvents)) {
      try {
        long[] rows = DuckDbCopy.copyTables(c, source[0], TARGET);
        faults.midCopy();
        DuckDbCopy.restoreConstraintsAndIndexes(c, source[0], TARGET);
        try (var s = c.createStatement()) {
          s.execute("DETACH " + TARGET);
        }
        return rows;
      } catch (Exception e) {
        // An attached database belongs to the whole DuckDB instance, not to this connection.
        DuckDbCopy.detachQuietly(c, TARGET);
        throw e;
      }
    }
  }

  /** Catches the fresh file up with what the sink wrote meanwhile, then swaps it in. */
  private long swapIn(Path fresh) throws Exception {
    // The same memory limit as the store: replaying inserts loads the fresh file's key index.
    DuckDbInstance target = DuckDbInstance.open(fresh, store.tuning(), 0);
    try {
      for (int round = 0; round < CATCH_UP_ROUNDS; round++) {
        List<SinkRecording.Write> batches = store.drainRecorded();
        if (batches.isEmpty()) {
          break;
        }
        for (SinkRecording.Write w : batches) {
          w.replay(target);
        }
      }
      return store.swap(
          fresh,
          lastBatches -> {
            for (SinkRecording.Write w : lastBatches) {
              w.replay(target);
            }
            target.checkpoint();
            target.close();
            if (Files.exists(DuckDbStore.wal(fresh))) {
              throw new StoreException(
                  "the compacted file " + fresh + " still has a write-ahead log after closing");
            }
          });
    } finally {
      target.close();
    }
  }

  private long size() {
    Path file = store.file();
    return sizeOf(file) + sizeOf(DuckDbStore.wal(file));
  }

  private static long sizeOf(Path p) {
    try {
      return Files.exists(p) ? Files.size(p) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  static Path freshFile(Path file) {
    return file.resolveSibling(file.getFileName() + ".compacting");
  }

  /** Deletes what a compaction that crashed left beside {@code file}; the file itself is whole. */
  static void removeLeftovers(Path file) throws IOException {
    Path fresh = freshFile(file);
    for (Path p : List.of(fresh, DuckDbStore.wal(fresh))) {
      if (Files.deleteIfExists(p)) {
        log.warn("removed {}, left by a compaction that did not finish; {} is intact", p, file);
      }
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      log.warn("could not delete {} ({}); it is removed on the next start", p, e.getMessage());
    }
  }

  @Override
  public void close() {
    background.shutdownNow();
  }
}
