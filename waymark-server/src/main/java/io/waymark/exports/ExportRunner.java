package io.waymark.exports;

import io.waymark.platform.AllowedDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs export runs one at a time on its own thread: writes every dataset of the day into staging,
 * publishes the files under the data directory, then delivers them (a directory: copied in with a
 * rename; a webhook: POSTed with retries) and records the outcome for the on-call person.
 */
final class ExportRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ExportRunner.class);

  private final ExportConfigs configs;
  private final ExportRuns runs;
  private final ExportFiles files;
  private final DatasetWriter writer;
  private final WebhookDelivery webhooks;
  private final ExportMetrics metrics;
  private final AllowedDirectories roots;
  private final Clock clock;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().daemon().name("waymark-exports").unstarted(r));

  ExportRunner(
      ExportConfigs configs,
      ExportRuns runs,
      ExportFiles files,
      DatasetWriter writer,
      WebhookDelivery webhooks,
      ExportMetrics metrics,
      AllowedDirectories roots,
      Clock clock) {
    this.configs = configs;
    this.runs = runs;
    this.files = files;
    this.writer = writer;
    this.webhooks = webhooks;
    this.metrics = metrics;
    this.roots = roots;
    this.clock = clock;
  }

  void submit(String exportId, String runId) {
    worker.execute(() -> run(exportId, runId));
  }

  void run(String exportId, String runId) {
    Optional<ExportConfig> found = configs.find(exportId);
    Optional<ExportRun> queued = runs.find(exportId, runId);
    if (found.isEmpty() || queued.isEmpty()) {
      log.info("export run {} skipped: its export {} was deleted", runId, exportId);
      return;
    }
    ExportConfig export = found.get();
    ExportRun run = queued.get();
    long started = clock.millis();
    long t0 = System.nanoTime();
    runs.started(runId, started);
    String error;
    files.lock.lock();
    try {
      error = produceAndDeliver(export, run);
    } catch (Exception e) {
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
      log.error("export run failed: export={} run={} date={}", export.name(), runId, run.date(), e);
    } finally {
      files.lock.unlock();
    }
    ExportRun.Status status = error == null ? ExportRun.Status.SUCCEEDED : ExportRun.Status.FAILED;
    long now = clock.millis();
    runs.finished(runId, status, now, error);
    metrics.finished(export.name(), status, now);
    if (error == null) {
      log.info(
          "export run finished: export={} run={} date={} cause={} status=succeeded files={}"
              + " elapsed_ms={}",
          export.name(),
          runId,
          run.date(),
          run.cause(),
          export.datasets().size(),
          (System.nanoTime() - t0) / 1_000_000);
    } else {
      log.warn(
          "export run finished: export={} run={} date={} cause={} status=failed error=\"{}\"."
              + " See GET /api/v1/exports/{}/runs/{}; trigger the date again once fixed",
          export.name(),
          runId,
          run.date(),
          run.cause(),
          error,
          export.id(),
          runId);
    }
  }

  /** Returns null when every file was written and delivered, else what went wrong. */
  private String produceAndDeliver(ExportConfig export, ExportRun run) throws Exception {
    Path staging = files.staging(export.id(), run.id());
    Set<String> names = new LinkedHashSet<>();
    java.util.Map<String, Long> rows = new java.util.HashMap<>();
    for (ExportDataset d : export.datasets()) {
      String name = export.fileName(d);
      try {
        rows.put(name, writer.write(d, run.date(), export.format(), staging.resolve(name)));
      } catch (Exception e) {
        ExportFiles.deleteTree(staging);
        return "writing " + name + " failed: " + e.getMessage();
      }
      names.add(name);
    }
    files.publish(export.id(), run.date(), staging, names);
    String failure = null;
    for (ExportDataset d : export.datasets()) {
      String name = export.fileName(d);
      Path kept = files.kept(export.id(), run.date(), name);
      long bytes = Files.size(kept);
      String delivery = "delivered";
      int attempts = 1;
      String deliveryError = null;
      if (export.destination() == ExportConfig.Destination.DIRECTORY) {
        try {
          copyInto(export, run, name, kept);
        } catch (IOException e) {
          delivery = "failed";
          deliveryError =
              "cannot write into "
                  + export.directory()
                  + ": "
                  + (e instanceof Outside ? "" : e.getClass().getSimpleName() + " ")
                  + e.getMessage();
        }
      } else {
        WebhookDelivery.Outcome o =
            webhooks.deliver(export, run.id(), run.date(), name, rows.get(name), kept);
        attempts = o.attempts();
        if (!o.delivered()) {
          delivery = "failed";
          deliveryError = o.error();
        }
      }
      runs.file(
          run.id(),
          new ExportRun.File(
              name, d.wire(), rows.get(name), bytes, delivery, attempts, deliveryError));
      if (deliveryError != null && failure == null) {
        failure =
            "delivering "
                + name
                + " failed after "
                + attempts
                + (attempts == 1 ? " try: " : " tries: ")
                + deliveryError
                + ". The files are kept and can be downloaded; trigger the date again to re-deliver";
      }
    }
    return failure;
  }

  /**
   * Copies a kept file to {@code <directory>/<export name>/<date>/<file>}, renamed into place. The
   * folder is checked against {@code waymark.exports.directory-roots} when the run writes, by its
   * real path: the roots may have changed since the export was saved, and a symbolic link planted
   * in the tree must not lead the files elsewhere.
   */
  private void copyInto(ExportConfig export, ExportRun run, String name, Path kept)
      throws IOException {
    Path wanted = Path.of(export.directory()).resolve(export.name()).resolve(run.date().toString());
    if (!roots.containsByName(wanted)) {
      throw new Outside(
          "it is not inside the allowed directories "
              + roots
              + " (waymark.exports.directory-roots); allow it, or change the export's directory");
    }
    Optional<Path> escaped = roots.escape(wanted);
    if (escaped.isPresent()) {
      throw new Outside(
          "it leads through a symbolic link to "
              + escaped.get()
              + ", outside the allowed directories "
              + roots
              + " (waymark.exports.directory-roots); nothing was written. Remove the link");
    }
    Path dir = Files.createDirectories(wanted);
    Path tmp = dir.resolve("." + name + "." + run.id() + ".tmp");
    Files.copy(kept, tmp, StandardCopyOption.REPLACE_EXISTING);
    Files.move(
        tmp,
        dir.resolve(name),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** The export's folder is outside the allowed directories; the message says what to do. */
  private static final class Outside extends IOException {
    Outside(String message) {
      super(message);
    }
  }

  @Override
  public void close() throws InterruptedException {
    worker.shutdownNow();
    worker.awaitTermination(10, TimeUnit.SECONDS);
  }
}
