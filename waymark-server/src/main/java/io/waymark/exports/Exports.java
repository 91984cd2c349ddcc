package io.waymark.exports;

import io.waymark.outbound.OutboundGuard;
import io.waymark.platform.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** What the API does with exports: configurations, triggered runs and kept files. */
final class Exports {

  private final ExportConfigs configs;
  private final ExportRuns runs;
  private final ExportRunner runner;
  private final ExportFiles files;
  private final ExportSettings settings;
  private final OutboundGuard guard;
  private final Clock clock;

  Exports(
      ExportConfigs configs,
      ExportRuns runs,
      ExportRunner runner,
      ExportFiles files,
      ExportSettings settings,
      OutboundGuard guard,
      Clock clock) {
    this.configs = configs;
    this.runs = runs;
    this.runner = runner;
    this.files = files;
    this.settings = settings;
    this.guard = guard;
    this.clock = clock;
  }

  ExportConfig get(String id) {
    return configs.find(id).orElseThrow(() -> ExportConfigs.notFound(id));
  }

  ExportConfig create(ExportInput in, String by) {
    return configs.create(in.check(guard, settings.roots()), by, clock.millis());
  }

  ExportConfig replace(String id, ExportInput in) {
    ExportInput.Checked checked = in.check(guard, settings.roots());
    return configs.replace(get(id), checked, clock.millis());
  }

  void delete(String id) {
    get(id);
    files.lock.lock();
    try {
      runs.deleteOf(id);
      configs.delete(id);
      files.deleteExport(id);
    } catch (IOException e) {
      throw new UncheckedIOException("the export was deleted but its kept files were not", e);
    } finally {
      files.lock.unlock();
    }
  }

  /** Queues a run of {@code date} (default: yesterday, UTC); only past days can be exported. */
  ExportRun trigger(String id, String date, String by) {
    ExportConfig export = get(id);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate day;
    if (date == null || date.isBlank()) {
      day = today.minusDays(1);
    } else {
      try {
        day = LocalDate.parse(date);
      } catch (DateTimeParseException e) {
        throw ApiException.badRequest("date", "must be a day as YYYY-MM-DD, got '" + date + "'");
      }
      if (!day.isBefore(today)) {
        throw ApiException.badRequest(
            "date",
            "must be a past UTC day (before "
                + today
                + "): "
                + day
                + (day.equals(today) ? " is not over yet" : " is in the future"));
      }
    }
    String runId = runs.createManual(export.id(), day, by, clock.millis());
    runner.submit(export.id(), runId);
    return runs.find(export.id(), runId).orElseThrow();
  }

  ExportRun run(String exportId, String runId) {
    get(exportId);
    return runs.find(exportId, runId)
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "run_id", "no run " + runId + " of export " + exportId + "; list its runs"));
  }

  /** The kept file of a run, if Waymark still has it. */
  Path file(String exportId, String runId, String name) {
    ExportRun run = run(exportId, runId);
    if (run.files().stream().noneMatch(f -> f.name().equals(name))) {
      throw ApiException.notFound(
          "name", "run " + runId + " wrote no file '" + name + "'; its files are in the run");
    }
    Path kept = files.kept(exportId, run.date(), name);
    if (!Files.isRegularFile(kept)) {
      throw new ApiException(
          410,
          "name",
          "'"
              + name
              + "' of "
              + run.date()
              + " is no longer kept (files are kept "
              + settings.retention().toDays()
              + " days); trigger the date again to write it anew");
    }
    return kept;
  }

  java.util.List<ExportConfig> configsList() {
    return configs.list();
  }

  java.util.List<ExportRun> runs(String exportId, Long beforeSeq, int limit) {
    return runs.list(exportId, beforeSeq, limit);
  }

  Optional<ExportRun> lastRun(String exportId) {
    return runs.latest(exportId);
  }

  Instant nextRunAt(ExportConfig c) {
    return ExportScheduler.dueSlot(c.scheduleTime(), clock.instant()).plusSeconds(86_400);
  }
}
