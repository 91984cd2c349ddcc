package io.waymark.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.ingest.IngestService;
import io.waymark.store.FactStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs import jobs in the background, {@code concurrency} at a time; others wait queued. A job's
 * uploaded file is deleted when the job ends, whether it completed or failed.
 */
final class ImportRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);
  static final int MAX_QUEUED = 100;

  private final ImportJobs jobs;
  private final IngestService ingest;
  private final FactStore facts;
  private final ObjectMapper json;
  private final ImportMetrics metrics;
  private final ImportSettings settings;
  private final Clock clock;
  private final java.util.function.Predicate<String> suppressed;
  private final ExecutorService executor;

  ImportRunner(
      ImportJobs jobs,
      IngestService ingest,
      FactStore facts,
      ObjectMapper json,
      ImportMetrics metrics,
      ImportSettings settings,
      Clock clock,
      java.util.function.Predicate<String> suppressed) {
    this.suppressed = suppressed;
    this.jobs = jobs;
    this.ingest = ingest;
    this.facts = facts;
    this.json = json;
    this.metrics = metrics;
    this.settings = settings;
    this.clock = clock;
    int n = Math.max(1, settings.concurrency());
    this.executor =
        new ThreadPoolExecutor(
            n,
            n,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(MAX_QUEUED),
            Thread.ofPlatform().name("waymark-import-", 1).daemon().factory());
  }

  /**
   * Queues the job; the future completes when it has ended, completed or failed. Throws
   * RejectedExecutionException when {@link #MAX_QUEUED} already wait.
   */
  CompletableFuture<Void> submit(ImportJob job, Path file) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      executor.execute(
          () -> {
            try {
              run(job, file);
            } finally {
              done.complete(null);
            }
          });
      return done;
    } catch (RejectedExecutionException e) {
      jobs.finished(
          job.id(), ImportJob.Status.FAILED, clock.millis(), 0, "too many imports queued");
      delete(file);
      throw e;
    }
  }

  private void run(ImportJob job, Path file) {
    long started = clock.millis();
    long t0 = System.nanoTime();
    jobs.started(job.id(), started);
    log.info(
        "import {} ({}, file {}, {} bytes) started",
        job.id(),
        job.kind().apiName(),
        job.fileName(),
        job.bytesTotal());
    ImportPass pass =
        new ImportPass(
            job,
            new ImportPass.Dependencies(
                jobs,
                ingest,
                facts,
                new FactRules(clock),
                json,
                metrics,
                settings,
                started,
                suppressed));
    String failure = null;
    try {
      pass.run(file);
    } catch (ImportPass.Unreadable e) {
      failure = "the file cannot be read on: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = "stopped: Waymark shut down during the import; import the file again";
    } catch (IOException | RuntimeException e) {
      failure =
          "failed after row "
              + pass.progress().rowsRead()
              + ": "
              + e.getMessage()
              + ". Rows before it are kept; import the file again (re-importing is idempotent)";
      log.error("import {} (file {}) failed", job.id(), job.fileName(), e);
    } finally {
      delete(file);
    }
    long elapsed = (System.nanoTime() - t0) / 1_000_000;
    ImportProgress p = pass.progress();
    jobs.finished(
        job.id(),
        failure == null ? ImportJob.Status.COMPLETED : ImportJob.Status.FAILED,
        clock.millis(),
        elapsed,
        failure);
    if (failure == null) {
      log.info(
          "import {} ({}, file {}) completed: {} rows, {} accepted, {} quarantined in {} ms",
          job.id(),
          job.kind().apiName(),
          job.fileName(),
          p.rowsRead(),
          p.accepted(),
          p.quarantined(),
          elapsed);
    } else {
      log.warn(
          "import {} ({}, file {}) failed after {} rows: {}",
          job.id(),
          job.kind().apiName(),
          job.fileName(),
          p.rowsRead(),
          failure);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("could not delete the uploaded file {}: {}; delete it by hand", file, e.toString());
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
