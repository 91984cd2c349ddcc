package io.waymark.sources;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.imports.FileImports;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs sources in the background: holds the source, fetches its files, feeds each through the
 * import pipeline (one import job per file, waiting for each), records the run and releases the
 * source. Fetched files never outlive the run. Counts runs as {@code waymark_source_runs_total
 * {source, status}}.
 */
final class SourceRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SourceRunner.class);

  private final Sources sources;
  private final SourceRuns runs;
  private final SourceFetcher fetcher;
  private final FileImports imports;
  private final MeterRegistry registry;
  private final Clock clock;
  private final ExecutorService executor;

  SourceRunner(
      Sources sources,
      SourceRuns runs,
      SourceFetcher fetcher,
      FileImports imports,
      MeterRegistry registry,
      Clock clock,
      int concurrency) {
    this.sources = sources;
    this.runs = runs;
    this.fetcher = fetcher;
    this.imports = imports;
    this.registry = registry;
    this.clock = clock;
    this.executor =
        Executors.newFixedThreadPool(
            Math.max(1, concurrency),
            Thread.ofPlatform().name("waymark-source-", 1).daemon().factory());
  }

  /** Starts a run now; empty when a run already holds the source. */
  Optional<String> runNow(Source source, String by) {
    String runId = UUID.randomUUID().toString();
    if (!sources.hold(source.id(), runId)) {
      return Optional.empty();
    }
    start(source, runId, by);
    return Optional.of(runId);
  }

  /**
   * Starts the scheduled run of a due source if this instance wins the claim (another instance or a
   * run by hand may have taken it since it was read); returns whether it did.
   */
  boolean runScheduled(Source source, long seenNextRunAt, long nextRunAt) {
    String runId = UUID.randomUUID().toString();
    if (!sources.claimDue(source.id(), runId, seenNextRunAt, nextRunAt)) {
      return false;
    }
    start(source, runId, SourceRun.SCHEDULE);
    return true;
  }

  private void start(Source source, String runId, String by) {
    runs.start(runId, source.id(), by, clock.millis());
    log.info(
        "source {} ({}, {}) run {} started by {}",
        source.name(),
        source.kind(),
        source.location(),
        runId,
        by);
    executor.execute(() -> run(source, runId));
  }

  private void run(Source source, String runId) {
    long t0 = System.nanoTime();
    Counts counts = new Counts();
    String error = null;
    List<SourceFetcher.Fetched> fetched = List.of();
    int handedOver = 0;
    try {
      fetched = fetcher.fetch(source, runId);
      runs.fetched(runId, fetched.size(), fetched.stream().mapToLong(f -> f.bytes()).sum());
      for (SourceFetcher.Fetched f : fetched) {
        handedOver++;
        if (f.bytes() == 0) {
          SourceFetcher.delete(f.file()); // nothing to import
          continue;
        }
        FileImports.Started started =
            imports.start(source.kind(), f.name(), f.file(), "source:" + source.name());
        runs.importStarted(runId, started.importId());
        FileImports.Status out = started.ended().get();
        counts.add(out);
        runs.counted(runId, counts.read, counts.accepted, counts.quarantined);
        if (out.status().equals("failed")) {
          error = "the import of " + f.name() + " (import " + out.importId() + ") " + out.failure();
          break;
        }
      }
    } catch (SourceFetcher.Failed e) {
      error = e.getMessage();
    } catch (FileImports.QueueFull e) {
      error =
          e.getMessage()
              + ", so this run could not start its import; it runs again at its next time (or"
              + " run it by hand when the imports have finished)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "stopped: Waymark shut down during this run; run the source again";
    } catch (ExecutionException | java.io.IOException | RuntimeException e) {
      error = "failed unexpectedly (" + e + "); see the server log, then run the source again";
      log.error("source {} run {} failed unexpectedly", source.name(), runId, e);
    } finally {
      for (SourceFetcher.Fetched f :
          fetched.subList(Math.min(handedOver, fetched.size()), fetched.size())) {
        SourceFetcher.delete(f.file());
      }
    }
    finish(source, runId, counts, error, (System.nanoTime() - t0) / 1_000_000);
  }

  private void finish(Source source, String runId, Counts counts, String error, long elapsed) {
    SourceRun.Status status = error == null ? SourceRun.Status.COMPLETED : SourceRun.Status.FAILED;
    String message = error == null ? null : "source \"" + source.name() + "\": " + error;
    try {
      runs.finish(runId, status, clock.millis(), message);
    } finally {
      sources.release(source.id(), runId);
    }
    Counter.builder("waymark.source.runs")
        .description("runs of connected sources, by source name and outcome")
        .tag("source", source.name())
        .tag("status", status.name().toLowerCase(java.util.Locale.ROOT))
        .register(registry)
        .increment();
    if (error == null) {
      log.info(
          "source {} run {} completed: {} rows, {} accepted, {} quarantined in {} ms",
          source.name(),
          runId,
          counts.read,
          counts.accepted,
          counts.quarantined,
          elapsed);
    } else {
      log.warn("source {} run {} failed after {} ms: {}", source.name(), runId, elapsed, message);
    }
  }

  /** The counts of a run's imports that have ended. */
  private static final class Counts {
    long read;
    long accepted;
    long quarantined;

    void add(FileImports.Status s) {
      read += s.rowsRead();
      accepted += s.rowsAccepted();
      quarantined += s.rowsQuarantined();
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
