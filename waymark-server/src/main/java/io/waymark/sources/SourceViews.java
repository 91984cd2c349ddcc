package io.waymark.sources;

import io.waymark.imports.FileImports;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Sources and runs as the API shows them; the authorization header is never shown, only "set", and
 * only admins see a URL's credentials.
 */
final class SourceViews {

  /** A source; {@code lastRun} is its newest run, null before the first. */
  record SourceView(
      String id,
      String name,
      String kind,
      String url,
      boolean authHeaderSet,
      String path,
      Integer intervalMinutes,
      String dailyAt,
      boolean enabled,
      Instant nextRunAt,
      boolean running,
      String createdBy,
      Instant createdAt,
      Instant updatedAt,
      RunView lastRun) {}

  /** One import job a run fed, with where its bad rows are in the quarantine. */
  record RunImport(String importId, String status, String quarantineSource) {}

  /**
   * A run. While it runs the row counts and {@code bytesRead} include the import in progress;
   * {@code percent} is of the bytes fetched.
   */
  record RunView(
      String id,
      String sourceId,
      String triggeredBy,
      String status,
      Instant startedAt,
      Instant finishedAt,
      Long elapsedMs,
      int files,
      long bytes,
      long bytesRead,
      double percent,
      long rowsRead,
      long rowsAccepted,
      long rowsQuarantined,
      String error,
      List<RunImport> imports) {}

  private final SourceRuns runs;
  private final FileImports imports;

  SourceViews(SourceRuns runs, FileImports imports) {
    this.runs = runs;
    this.imports = imports;
  }

  /**
   * A source as {@code admin}s see it; others see its URL with credentials and secret-looking query
   * values masked, as they may read sources but not change them.
   */
  SourceView of(Source s, boolean admin) {
    return new SourceView(
        s.id(),
        s.name(),
        s.kind(),
        admin ? s.url() : s.redactedUrl(),
        s.authHeader() != null,
        s.path(),
        s.schedule().intervalMinutes(),
        s.schedule().dailyAt() == null ? null : s.schedule().dailyAt().toString(),
        s.enabled(),
        s.nextRunAt() == null ? null : Instant.ofEpochMilli(s.nextRunAt()),
        s.runningRunId() != null,
        s.createdBy(),
        Instant.ofEpochMilli(s.createdAt()),
        Instant.ofEpochMilli(s.updatedAt()),
        runs.latest(s.id()).map(this::of).orElse(null));
  }

  RunView of(SourceRun r) {
    List<RunImport> fed = new ArrayList<>();
    long read = 0;
    long accepted = 0;
    long quarantined = 0;
    long bytesRead = 0;
    for (String id : r.importIds()) {
      Optional<FileImports.Status> s = imports.status(id);
      fed.add(
          new RunImport(
              id,
              s.map(FileImports.Status::status).orElse("deleted"),
              s.map(FileImports.Status::quarantineSource).orElse(null)));
      if (s.isPresent()) {
        read += s.get().rowsRead();
        accepted += s.get().rowsAccepted();
        quarantined += s.get().rowsQuarantined();
        bytesRead += s.get().ended() ? s.get().bytes() : s.get().bytesRead();
      }
    }
    boolean running = r.status() == SourceRun.Status.RUNNING;
    if (!running) {
      // The run's own counts are final; the import jobs may have been cleaned away since.
      read = r.rowsRead();
      accepted = r.rowsAccepted();
      quarantined = r.rowsQuarantined();
    }
    double percent =
        r.status() == SourceRun.Status.COMPLETED
            ? 100
            : r.bytes() == 0
                ? 0
                : Math.floor(Math.min(100.0, 100.0 * bytesRead / r.bytes()) * 10) / 10;
    return new RunView(
        r.id(),
        r.sourceId(),
        r.triggeredBy(),
        r.status().name().toLowerCase(Locale.ROOT),
        Instant.ofEpochMilli(r.startedAt()),
        r.finishedAt() == null ? null : Instant.ofEpochMilli(r.finishedAt()),
        r.finishedAt() == null ? null : r.finishedAt() - r.startedAt(),
        r.files(),
        r.bytes(),
        running ? bytesRead : r.bytes(),
        percent,
        read,
        accepted,
        quarantined,
        r.error(),
        fed);
  }
}
