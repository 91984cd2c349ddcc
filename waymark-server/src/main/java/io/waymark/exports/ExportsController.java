package io.waymark.exports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.admin.Actors;
import io.waymark.exports.ExportViews.ExportList;
import io.waymark.exports.ExportViews.ExportView;
import io.waymark.exports.ExportViews.RunPage;
import io.waymark.exports.ExportViews.RunView;
import io.waymark.platform.SeqPaging;
import java.net.URI;
import java.nio.file.Path;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Daily exports: configurations (admins change them), their runs and files (analysts and admins
 * read, trigger and download).
 */
@RestController
@RequestMapping("/api/v1/exports")
@Tag(name = "Exports")
@SecurityRequirement(name = "bearer")
class ExportsController {

  private final Exports exports;

  ExportsController(Exports exports) {
    this.exports = exports;
  }

  private ExportView view(ExportConfig c, boolean withSecret, boolean admin) {
    return ExportView.of(
        c,
        withSecret,
        admin,
        exports.nextRunAt(c),
        exports.lastRun(c.id()).map(RunView::of).orElse(null));
  }

  @Operation(
      summary = "All exports with their last run (analyst, admin)",
      description =
          "Analysts see a webhook_url with its credentials and secret-looking query values"
              + " masked as ***; admins see it whole.")
  @GetMapping
  ExportList list(Authentication who) {
    boolean admin = Actors.isAdmin(who);
    return new ExportList(exports.configsList().stream().map(c -> view(c, false, admin)).toList());
  }

  @Operation(
      summary = "Create an export (admin); the answer shows a webhook's signing secret once",
      description =
          "datasets: events, sessions, daily_report, customers; format: parquet, csv, ndjson;"
              + " destination: directory (with directory, an absolute path on the server inside"
              + " waymark.exports.directory-roots, also once symbolic links are resolved; off"
              + " while that is empty) or webhook (with webhook_url, refused (400) on a loopback,"
              + " link-local, private or other internal address unless"
              + " waymark.outbound.allowed-networks allows it; each file is POSTed with"
              + " X-Waymark-Timestamp and"
              + " X-Waymark-Signature: sha256=HMAC-SHA256(secret, timestamp + '.' + body));"
              + " schedule_time: HH:MM UTC, default 10:00.")
  @PostMapping
  ResponseEntity<ExportView> create(@RequestBody ExportInput in, Authentication who) {
    ExportConfig c = exports.create(in, Actors.name(who));
    return ResponseEntity.created(URI.create("/api/v1/exports/" + c.id()))
        .body(view(c, true, true));
  }

  @Operation(summary = "One export (analyst, admin); analysts see the webhook_url masked")
  @GetMapping("/{id}")
  ExportView get(@PathVariable String id, Authentication who) {
    return view(exports.get(id), false, Actors.isAdmin(who));
  }

  @Operation(summary = "Replace an export's settings (admin); a webhook keeps its secret")
  @PutMapping("/{id}")
  ExportView replace(@PathVariable String id, @RequestBody ExportInput in) {
    return view(exports.replace(id, in), false, true);
  }

  @Operation(summary = "Delete an export with its run history and kept files (admin)")
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable String id) {
    exports.delete(id);
  }

  @Operation(
      summary = "Export one past UTC day now (analyst, admin); answers 202 with the queued run",
      description = "A re-run of a day replaces that day's files.")
  @PostMapping("/{id}/runs")
  ResponseEntity<RunView> trigger(
      @PathVariable String id,
      @Parameter(description = "the UTC day, YYYY-MM-DD, before today; default yesterday")
          @RequestParam(required = false)
          String date,
      Authentication who) {
    ExportRun run = exports.trigger(id, date, Actors.name(who));
    return ResponseEntity.accepted()
        .location(URI.create("/api/v1/exports/" + id + "/runs/" + run.id()))
        .body(RunView.of(run));
  }

  @Operation(summary = "An export's runs, newest first, paged (analyst, admin)")
  @GetMapping("/{id}/runs")
  RunPage runs(
      @PathVariable String id,
      @RequestParam(defaultValue = "20") int limit,
      @RequestParam(name = "page_token", required = false) String pageToken) {
    exports.get(id);
    int n = SeqPaging.limit(limit, 200);
    var page =
        SeqPaging.page(
            exports.runs(id, SeqPaging.before(pageToken), n + 1), n, ExportRun::seq, RunView::of);
    return new RunPage(page.items(), page.next());
  }

  @Operation(summary = "One run with its files (analyst, admin)")
  @GetMapping("/{id}/runs/{runId}")
  RunView run(@PathVariable String id, @PathVariable String runId) {
    return RunView.of(exports.run(id, runId));
  }

  @Operation(
      summary = "Download a file of a run as Waymark keeps it (analyst, admin)",
      description = "410 once the retention removed it.")
  @GetMapping("/{id}/runs/{runId}/files/{name}")
  ResponseEntity<Resource> file(
      @PathVariable String id, @PathVariable String runId, @PathVariable String name) {
    Path kept = exports.file(id, runId, name);
    ExportFormat f = ExportFormat.ofFile(name);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(f == null ? "application/octet-stream" : f.mediaType))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(name).build().toString())
        .body(new FileSystemResource(kept));
  }
}
