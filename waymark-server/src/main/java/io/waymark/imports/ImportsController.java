package io.waymark.imports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.admin.AccountPrincipal;
import io.waymark.admin.ApiKeyPrincipal;
import io.waymark.platform.ApiException;
import io.waymark.platform.SeqPaging;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Bulk imports: upload a file, follow the job's progress, list past imports (analyst, admin). */
@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "Imports")
@SecurityRequirement(name = "bearer")
class ImportsController {

  private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED_VALUE;

  private final ImportJobs jobs;
  private final ImportRunner runner;
  private final ImportUploads uploads;
  private final Clock clock;

  ImportsController(ImportJobs jobs, ImportRunner runner, ImportUploads uploads, Clock clock) {
    this.jobs = jobs;
    this.runner = runner;
    this.uploads = uploads;
    this.clock = clock;
  }

  /** A page of jobs, newest first. */
  record ImportPage(List<ImportView> items, String nextPageToken) {}

  @Operation(
      summary = "Import a file sent as the raw request body (analyst, admin); answers 202 + job",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/octet-stream",
                      schema = @Schema(type = "string", format = "binary"))))
  @PostMapping
  ResponseEntity<ImportView> upload(
      @Parameter(description = "clickstream, transactions, catalogue or tickets")
          @RequestParam(required = false)
          String kind,
      @Parameter(description = "the file's name, for the job list")
          @RequestParam(name = "file_name", required = false)
          String fileName,
      HttpServletRequest request,
      Authentication who)
      throws IOException {
    String type = request.getContentType();
    if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(FORM)) {
      // The servlet container reads such a body as form fields, so the file would arrive empty.
      throw new ApiException(
          415,
          "Content-Type",
          "a file cannot be sent as "
              + FORM
              + "; send it as application/octet-stream (curl: -H 'Content-Type:"
              + " application/octet-stream' --data-binary @file) or as multipart field 'file'");
    }
    ImportKind k = kind(kind);
    uploads.checkDeclared(request.getContentLengthLong());
    return start(k, fileName, request.getInputStream(), who);
  }

  @Operation(summary = "Import a file sent as multipart/form-data field 'file' (analyst, admin)")
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<ImportView> uploadForm(
      @RequestParam(required = false) String kind,
      @RequestPart(name = "file", required = false) MultipartFile file,
      Authentication who)
      throws IOException {
    ImportKind k = kind(kind);
    if (file == null) {
      throw ApiException.badRequest("file", "is required: the multipart field 'file'");
    }
    uploads.checkDeclared(file.getSize());
    try (InputStream in = file.getInputStream()) {
      return start(k, file.getOriginalFilename(), in, who);
    }
  }

  private static ImportKind kind(String kind) {
    if (kind == null || kind.isBlank()) {
      throw ApiException.badRequest("kind", "is required, one of " + ImportKind.NAMES);
    }
    ImportKind k = ImportKind.parse(kind);
    if (k == null) {
      throw ApiException.badRequest(
          "kind", "unknown kind \"" + kind + "\"; one of " + ImportKind.NAMES);
    }
    return k;
  }

  private ResponseEntity<ImportView> start(
      ImportKind kind, String fileName, InputStream in, Authentication who) throws IOException {
    String id = UUID.randomUUID().toString();
    String name = fileName(fileName, kind);
    long bytes = uploads.save(id, in);
    jobs.create(id, kind, name, bytes, actor(who), clock.millis());
    ImportJob job = jobs.find(id).orElseThrow();
    try {
      runner.submit(job, uploads.file(id));
    } catch (RejectedExecutionException e) {
      throw new ApiException(
          503,
          null,
          ImportRunner.MAX_QUEUED + " imports are already queued; retry when some have finished");
    }
    return ResponseEntity.accepted()
        .location(URI.create("/api/v1/imports/" + id))
        .body(ImportView.of(jobs.find(id).orElseThrow()));
  }

  private static String fileName(String given, ImportKind kind) {
    if (given == null || given.isBlank()) {
      return kind.apiName() + " upload";
    }
    String base = given.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1).strip();
    return base.isEmpty() ? kind.apiName() + " upload" : RowCheck.abbreviate(base);
  }

  private static String actor(Authentication who) {
    if (who == null) {
      return "unknown";
    }
    if (who.getPrincipal() instanceof AccountPrincipal a) {
      return a.username();
    }
    return who.getPrincipal() instanceof ApiKeyPrincipal k ? "key:" + k.name() : who.getName();
  }

  @Operation(summary = "One import job: status, progress, counts and the first row errors")
  @GetMapping("/{id}")
  ImportView get(@PathVariable String id) {
    return jobs.find(id)
        .map(ImportView::of)
        .orElseThrow(() -> ApiException.notFound("id", "no import " + id));
  }

  @Operation(summary = "Import jobs, newest first")
  @GetMapping
  ImportPage list(
      @RequestParam(defaultValue = "20") int limit,
      @RequestParam(name = "page_token", required = false) String pageToken) {
    int n = SeqPaging.limit(limit, 100);
    var page =
        SeqPaging.page(
            jobs.list(SeqPaging.before(pageToken), n + 1), n, ImportJob::seq, ImportView::of);
    return new ImportPage(page.items(), page.next());
  }
}
