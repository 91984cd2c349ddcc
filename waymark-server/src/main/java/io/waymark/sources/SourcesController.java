package io.waymark.sources;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.admin.Actors;
import io.waymark.outbound.OutboundGuard;
import io.waymark.platform.ApiException;
import io.waymark.platform.SeqPaging;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
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

/** Connected sources: create, change and delete them (admin), run them now, read their runs. */
@RestController
@RequestMapping("/api/v1/sources")
@Tag(name = "Sources")
@SecurityRequirement(name = "bearer")
class SourcesController {

  private final Sources sources;
  private final SourceRuns runs;
  private final SourceRunner runner;
  private final SourceViews views;
  private final SourceSettings settings;
  private final OutboundGuard guard;
  private final Clock clock;

  SourcesController(
      Sources sources,
      SourceRuns runs,
      SourceRunner runner,
      SourceViews views,
      SourceSettings settings,
      OutboundGuard guard,
      Clock clock) {
    this.sources = sources;
    this.runs = runs;
    this.runner = runner;
    this.views = views;
    this.settings = settings;
    this.guard = guard;
    this.clock = clock;
  }

  /** Every source. */
  record SourceList(List<SourceViews.SourceView> items) {}

  /** A page of runs, newest first. */
  record RunPage(List<SourceViews.RunView> items, String nextPageToken) {}

  @Operation(
      summary = "Every source with its last run (analyst, admin)",
      description =
          "Analysts see each url with its credentials and secret-looking query values (token,"
              + " key, secret, signature, password, ...) masked as ***; admins see it whole.")
  @GetMapping
  SourceList list(Authentication who) {
    boolean admin = Actors.isAdmin(who);
    return new SourceList(sources.list().stream().map(s -> views.of(s, admin)).toList());
  }

  @Operation(
      summary = "Create a source (admin)",
      description =
          "kind: clickstream, transactions, catalogue or tickets (as for imports). Either url (an"
              + " http(s) URL fetched with GET; auth_header is sent as its Authorization header"
              + " and never shown again) or path (a file or directory on the server inside"
              + " waymark.sources.file-roots, also once symbolic links are resolved). Either"
              + " interval_minutes (1 to 10080) or daily_at (HH:MM, UTC). enabled defaults to"
              + " true. 400 names every field at fault, including a url whose host is or resolves"
              + " to a loopback, link-local (cloud metadata), private or other internal address"
              + " (\"is refused: ...\") unless waymark.outbound.allowed-networks allows it.")
  @PostMapping
  ResponseEntity<SourceViews.SourceView> create(
      @RequestBody SourceInput input, Authentication who) {
    SourceInput.Valid v = input.check(settings.fileRoots(), guard, null);
    unique(v.name(), null);
    String id = UUID.randomUUID().toString();
    long now = clock.millis();
    sources.create(id, v, Actors.name(who), now, nextRunAt(v, now));
    return ResponseEntity.created(URI.create("/api/v1/sources/" + id))
        .body(views.of(sources.find(id).orElseThrow(), true));
  }

  @Operation(
      summary = "One source with its last run (analyst, admin)",
      description = "As in the list, analysts see the url with its credentials masked.")
  @GetMapping("/{id}")
  SourceViews.SourceView get(@PathVariable String id, Authentication who) {
    return views.of(source(id), Actors.isAdmin(who));
  }

  @Operation(
      summary = "Replace a source (admin)",
      description =
          "Every field as for a create. auth_header left out keeps the stored value; \"\" removes"
              + " it. The next run is planned again from now.")
  @PutMapping("/{id}")
  SourceViews.SourceView replace(@PathVariable String id, @RequestBody SourceInput input) {
    Source existing = source(id);
    SourceInput.Valid v = input.check(settings.fileRoots(), guard, existing.authHeader());
    unique(v.name(), id);
    long now = clock.millis();
    sources.replace(id, v, now, nextRunAt(v, now));
    return views.of(source(id), true);
  }

  @Operation(summary = "Delete a source and its run history (admin); 409 while it runs")
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable String id) {
    source(id);
    if (!sources.deleteIdle(id)) {
      throw running(id);
    }
  }

  @Operation(
      summary = "Run a source now (admin); 202 with the run, 409 while a run of it is going on",
      description = "Works for a disabled source too, to try it before enabling it.")
  @PostMapping("/{id}/run")
  ResponseEntity<SourceViews.RunView> run(@PathVariable String id, Authentication who) {
    Source s = source(id);
    String runId = runner.runNow(s, Actors.name(who)).orElseThrow(() -> running(id));
    return ResponseEntity.accepted()
        .location(URI.create("/api/v1/sources/" + id + "/runs/" + runId))
        .body(views.of(runs.find(id, runId).orElseThrow()));
  }

  @Operation(summary = "A source's runs, newest first (analyst, admin)")
  @GetMapping("/{id}/runs")
  RunPage runs(
      @PathVariable String id,
      @RequestParam(defaultValue = "20") int limit,
      @RequestParam(name = "page_token", required = false) String pageToken) {
    source(id);
    int n = SeqPaging.limit(limit, 100);
    var page =
        SeqPaging.page(
            runs.list(id, SeqPaging.before(pageToken), n + 1), n, SourceRun::seq, views::of);
    return new RunPage(page.items(), page.next());
  }

  @Operation(summary = "One run: status, live counts while it runs, the error when it failed")
  @GetMapping("/{id}/runs/{runId}")
  SourceViews.RunView run(@PathVariable String id, @PathVariable String runId) {
    return runs.find(id, runId)
        .map(views::of)
        .orElseThrow(() -> ApiException.notFound("run_id", "no run " + runId + " of source " + id));
  }

  private Source source(String id) {
    return sources.find(id).orElseThrow(() -> ApiException.notFound("id", "no source " + id));
  }

  private void unique(String name, String exceptId) {
    if (sources.nameTaken(name, exceptId)) {
      throw ApiException.conflict("name", "is already used by another source: \"" + name + "\"");
    }
  }

  private static ApiException running(String id) {
    return ApiException.conflict(
        "id", "source " + id + " is running; wait for its run to end (follow GET .../runs)");
  }

  private static Long nextRunAt(SourceInput.Valid v, long now) {
    return v.enabled()
        ? v.schedule().next(java.time.Instant.ofEpochMilli(now)).toEpochMilli()
        : null;
  }
}
