package io.waymark.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * Imports a file that is already on the server's disk exactly as an upload would be (same checks,
 * quarantine with row numbers, idempotent writes, one import job in the list), for other modules
 * such as connected sources. The file is handed over: it is deleted when the import ends.
 */
public final class FileImports {

  /** The kinds of file Waymark imports, as named in the API. */
  public static final List<String> KINDS =
      Arrays.stream(ImportKind.values()).map(ImportKind::apiName).toList();

  /** Where one import stands; {@code status} is queued, running, completed or failed. */
  public record Status(
      String importId,
      String status,
      long bytes,
      long bytesRead,
      long rowsRead,
      long rowsAccepted,
      long rowsQuarantined,
      String failure,
      String quarantineSource) {

    public boolean ended() {
      return status.equals("completed") || status.equals("failed");
    }
  }

  /** An import that was queued, and its end. */
  public record Started(String importId, CompletableFuture<Status> ended) {}

  /** Refused because {@link ImportRunner#MAX_QUEUED} imports already wait. */
  public static final class QueueFull extends Exception {
    QueueFull() {
      super(ImportRunner.MAX_QUEUED + " imports are already queued", null, false, false);
    }
  }

  private final ImportJobs jobs;
  private final ImportRunner runner;
  private final Clock clock;

  FileImports(ImportJobs jobs, ImportRunner runner, Clock clock) {
    this.jobs = jobs;
    this.runner = runner;
    this.clock = clock;
  }

  /** Whether {@code kind} names a kind of file Waymark imports. */
  public static boolean knows(String kind) {
    return kind != null
        && ImportKind.parse(kind) != null
        && kind.equals(kind.toLowerCase(Locale.ROOT));
  }

  /** Queues the import of {@code file} (handed over: deleted when the import ends). */
  public Started start(String kind, String fileName, Path file, String createdBy)
      throws IOException, QueueFull {
    ImportKind k = ImportKind.parse(kind);
    if (k == null) {
      Files.deleteIfExists(file);
      throw new IllegalArgumentException("unknown import kind " + kind);
    }
    String id = UUID.randomUUID().toString();
    jobs.create(id, k, RowCheck.abbreviate(fileName), Files.size(file), createdBy, clock.millis());
    CompletableFuture<Void> done;
    try {
      done = runner.submit(jobs.find(id).orElseThrow(), file);
    } catch (RejectedExecutionException e) {
      throw new QueueFull();
    }
    return new Started(id, done.thenApply(v -> status(id).orElseThrow()));
  }

  /** The import's progress or outcome; empty when there is no such import. */
  public Optional<Status> status(String importId) {
    return jobs.find(importId)
        .map(
            j ->
                new Status(
                    j.id(),
                    j.status().name().toLowerCase(Locale.ROOT),
                    j.bytesTotal(),
                    j.bytesRead(),
                    j.rowsRead(),
                    j.rowsAccepted(),
                    j.rowsQuarantined(),
                    j.failure(),
                    j.source()));
  }
}
