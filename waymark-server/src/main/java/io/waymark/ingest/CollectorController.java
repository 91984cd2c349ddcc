package io.waymark.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.admin.ApiKeyPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
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
  private final Semaphore concurrency;

  CollectorController(IngestService ingest, CollectorSettings settings) {
    this.ingest = ingest;
    this.concurrency = new Semaphore(settings.limits().mainPortConcurrency());
  }

  @Operation(
      summary = "Send one event (JSON object) or several (JSON array)",
      description =
          "Body: an event of docs/event-model.md, an array of them (at most"
              + " waymark.collector.max-events-per-request), or the flat contract {timestamp,"
              + " user_id, event_type, page_url, session_id}. Answers 200 with per-item results once"
              + " every accepted event is durable in the log; 400/413 when nothing was accepted;"
              + " 401/403 for a missing, unknown or read-only key, or a browser origin the key does"
              + " not allow (a missing or unknown key is answered from the headers before the body"
              + " is read, not quarantined, and the connection closed); 429 with Retry-After when"
              + " over the key's rate limit; 503 when the log did not acknowledge (retry with the"
              + " same event_ids), or with Retry-After before the body is read when the collector"
              + " is at a limit (waymark.collector.limits.*: in-flight bytes, main-port"
              + " concurrency). Invalid items are quarantined (quarantine_id in the answer). Browsers"
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

  /**
   * Checks the key from the headers before reading the body (decision 43): a request without a
   * valid key, or over the main port's concurrency or the in-flight byte budget, is answered
   * without its body being read.
   */
  private CompletableFuture<ResponseEntity<byte[]>> handle(
      Endpoint endpoint, HttpServletRequest request) throws IOException {
    long declared = request.getContentLengthLong();
    if (!concurrency.tryAcquire()) {
      return unread(
          ingest.overloaded(
              request(endpoint, request, null, declared),
              "waymark.collector.limits.main-port-concurrency"),
          declared);
    }
    long[] reserved = {0};
    boolean handedOver = false;
    try {
      Optional<ApiKeyPrincipal> key =
          ingest.lookUpKey(
              IngestService.presentedKey(
                  request.getHeader(HttpHeaders.AUTHORIZATION),
                  Cors.queryParam(request.getQueryString(), "key")));
      if (key.isEmpty()) {
        return unread(
            ingest.refuseUnauthenticated(
                request(endpoint, request, null, declared),
                request.getHeader(HttpHeaders.USER_AGENT)),
            declared);
      }
      long hold = ingest.bytesToHold(declared);
      if (!ingest.inFlight().tryReserve(hold)) {
        return unread(overloaded(endpoint, request, declared), declared);
      }
      reserved[0] = hold;
      byte[] body = readBody(request.getInputStream(), declared, reserved);
      if (body == null) {
        return unread(overloaded(endpoint, request, declared), declared);
      }
      long size = declared > ingest.maxBodyBytes() ? declared : Math.max(declared, body.length);
      IngestRequest r = request(endpoint, request, trim(body), size);
      CompletableFuture<ResponseEntity<byte[]>> answer =
          ingest.handle(r, key.get()).thenApply(CollectorController::toEntity);
      handedOver = true;
      return answer.whenComplete(
          (ok, failed) -> {
            ingest.inFlight().release(reserved[0]);
            concurrency.release();
          });
    } finally {
      if (!handedOver) {
        ingest.inFlight().release(reserved[0]);
        concurrency.release();
      }
    }
  }

  private IngestResponse overloaded(Endpoint endpoint, HttpServletRequest request, long declared) {
    return ingest.overloaded(
        request(endpoint, request, null, declared), "waymark.collector.limits.max-in-flight-bytes");
  }

  /**
   * Reads the body, keeping at most the body limit plus one byte (or, for a body declared too
   * large, the part the quarantine keeps). A body of unknown length reserves its bytes from the
   * in-flight budget as they come; null when the budget ran out.
   */
  private byte[] readBody(InputStream in, long declared, long[] reserved) throws IOException {
    long max = ingest.maxBodyBytes();
    if (declared > max) {
      return in.readNBytes(Quarantine.MAX_PAYLOAD_CHARS);
    }
    if (declared >= 0) {
      return in.readNBytes((int) max + 1);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(8192);
    byte[] chunk = new byte[8192];
    long limit = max + 1;
    while (out.size() < limit) {
      int n = in.read(chunk, 0, (int) Math.min(chunk.length, limit - out.size()));
      if (n < 0) {
        break;
      }
      if (!ingest.inFlight().tryReserve(n)) {
        return null;
      }
      reserved[0] += n;
      out.write(chunk, 0, n);
    }
    return out.toByteArray();
  }

  /** A body past the limit keeps only the part the quarantine stores. */
  private byte[] trim(byte[] body) {
    return body.length > ingest.maxBodyBytes()
        ? Arrays.copyOf(body, Quarantine.MAX_PAYLOAD_CHARS)
        : body;
  }

  private static IngestRequest request(
      Endpoint endpoint, HttpServletRequest request, byte[] body, long size) {
    return new IngestRequest(
        endpoint,
        request.getHeader(HttpHeaders.AUTHORIZATION),
        Cors.queryParam(request.getQueryString(), "key"),
        request.getHeader(HttpHeaders.ORIGIN),
        request.getHeader(HttpHeaders.HOST),
        body == null ? new byte[0] : body,
        size,
        request.getRemoteAddr());
  }

  /**
   * An answer given without reading the body: the connection is closed after it (Tomcat discards at
   * most {@code server.tomcat.max-swallow-size} of what the client still sends).
   */
  private static CompletableFuture<ResponseEntity<byte[]>> unread(
      IngestResponse resp, long declared) {
    ResponseEntity<byte[]> entity = toEntity(resp);
    if (declared != 0) {
      entity =
          ResponseEntity.status(entity.getStatusCode())
              .headers(entity.getHeaders())
              .header(HttpHeaders.CONNECTION, "close")
              .body(entity.getBody());
    }
    return CompletableFuture.completedFuture(entity);
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
