package io.waymark.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The collector endpoints on the main port, for clients that cannot reach the collector's own port.
 * Same core, same answers; the lean collector port is faster.
 */
@RestController
@Tag(
    name = "Collector",
    description = "Send events (also served on the collector port, 8081 by default)")
@SecurityRequirement(name = "bearer")
class CollectorController {

  private final IngestService ingest;

  CollectorController(IngestService ingest) {
    this.ingest = ingest;
  }

  @Operation(
      summary = "Send one event (JSON object) or several (JSON array)",
      description =
          "Body: an event of docs/event-model.md, an array of them (at most"
              + " waymark.collector.max-events-per-request), or the flat contract {timestamp,"
              + " user_id, event_type, page_url, session_id}. Answers 200 with per-item results once"
              + " every accepted event is durable in the log; 400/413 when nothing was accepted;"
              + " 401/403 for a missing, unknown or read-only key, or a browser origin the key does"
              + " not allow; 429 with Retry-After when over"
              + " the key's rate limit; 503 when the log did not acknowledge (retry with the same"
              + " event_ids). Invalid items are quarantined (quarantine_id in the answer). Browsers"
              + " may send an ingest key as ?key= instead of the header; CORS preflights (OPTIONS)"
              + " are answered for the key's allowed origins (docs/api.md).",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(ref = "#/components/schemas/Event"))),
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "Per-item results",
              content = @Content(schema = @Schema(ref = "#/components/schemas/IngestResult"))))
  @PostMapping(path = "/api/v1/events", produces = MediaType.APPLICATION_JSON_VALUE)
  CompletableFuture<ResponseEntity<byte[]>> events(HttpServletRequest request) throws IOException {
    return handle(Endpoint.EVENTS, request);
  }

  @Operation(
      summary = "Send events as NDJSON (one JSON event per line)",
      description =
          "Each line is judged on its own; a malformed line is rejected and quarantined"
              + " without failing the others.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string"))),
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "Per-item results",
              content = @Content(schema = @Schema(ref = "#/components/schemas/IngestResult"))))
  @PostMapping(path = "/api/v1/events/batch", produces = MediaType.APPLICATION_JSON_VALUE)
  CompletableFuture<ResponseEntity<byte[]>> batch(HttpServletRequest request) throws IOException {
    return handle(Endpoint.BATCH, request);
  }

  @Operation(
      summary = "Record a page view: {user_id, name, timestamp}",
      description = "Compatibility contract: a page_view whose page_name is name.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(ref = "#/components/schemas/PageCall"))),
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "Per-item results",
              content = @Content(schema = @Schema(ref = "#/components/schemas/IngestResult"))))
  @PostMapping(path = "/v1/page", produces = MediaType.APPLICATION_JSON_VALUE)
  CompletableFuture<ResponseEntity<byte[]>> page(HttpServletRequest request) throws IOException {
    return handle(Endpoint.PAGE, request);
  }

  private CompletableFuture<ResponseEntity<byte[]>> handle(
      Endpoint endpoint, HttpServletRequest request) throws IOException {
    long max = ingest.maxBodyBytes();
    long declared = request.getContentLengthLong();
    byte[] body;
    long size;
    if (declared > max) {
      body = read(request.getInputStream(), Quarantine.MAX_PAYLOAD_CHARS);
      size = declared;
    } else {
      body = read(request.getInputStream(), (int) max + 1);
      size = body.length;
      if (size > max) {
        body = Arrays.copyOf(body, Quarantine.MAX_PAYLOAD_CHARS);
      }
    }
    IngestRequest r =
        new IngestRequest(
            endpoint,
            request.getHeader(HttpHeaders.AUTHORIZATION),
            Cors.queryParam(request.getQueryString(), "key"),
            request.getHeader(HttpHeaders.ORIGIN),
            request.getHeader(HttpHeaders.HOST),
            body,
            size,
            request.getRemoteAddr());
    return ingest.handle(r).thenApply(CollectorController::toEntity);
  }

  private static byte[] read(InputStream in, int limit) throws IOException {
    return in.readNBytes(limit);
  }

  private static ResponseEntity<byte[]> toEntity(IngestResponse resp) {
    ResponseEntity.BodyBuilder b =
        ResponseEntity.status(resp.status()).contentType(MediaType.APPLICATION_JSON);
    if (resp.retryAfterSeconds() > 0) {
      b.header(HttpHeaders.RETRY_AFTER, String.valueOf(resp.retryAfterSeconds()));
    }
    if (resp.allowOrigin() != null) {
      Cors.responseHeaders(resp.allowOrigin()).forEach(b::header);
    }
    return b.body(resp.body());
  }
}
