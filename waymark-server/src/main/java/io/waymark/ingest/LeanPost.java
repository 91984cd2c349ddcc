package io.waymark.ingest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.waymark.admin.ApiKeyPrincipal;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One POST to a collector endpoint on the lean port. The request is paused on arrival and its key
 * checked from the headers (from the cache, or off the event loop); only a request with a valid key
 * that fits the in-flight budget has its body read, and only up to what is kept (decision 43). A
 * request answered before its body was read has its connection closed, so the rest is never read.
 */
final class LeanPost {

  private static final Logger log = LoggerFactory.getLogger(LeanPost.class);

  private final CollectorServer server;
  private final IngestService ingest;
  private final HttpServerRequest req;
  private final Endpoint endpoint;
  private final long declared;
  private final long max;
  private final long keepLimit;
  private ApiKeyPrincipal key;
  private Buffer body;
  private long seen;
  private long reserved;
  private boolean finished;

  LeanPost(CollectorServer server, IngestService ingest, HttpServerRequest req, Endpoint endpoint) {
    this.server = server;
    this.ingest = ingest;
    this.req = req;
    this.endpoint = endpoint;
    String length = req.getHeader("Content-Length");
    this.declared = length == null ? -1 : parseLength(length);
    this.max = ingest.maxBodyBytes();
    // A body declared too large is refused with 413 after its first part, kept in the quarantine.
    this.keepLimit = declared > max ? Quarantine.MAX_PAYLOAD_CHARS : max;
  }

  void start() {
    req.pause();
    String presented =
        IngestService.presentedKey(
            req.getHeader("Authorization"), Cors.queryParam(req.query(), "key"));
    server.withKey(
        presented, this::withKey, () -> refuseUnread(overloaded("max-pending-key-lookups")));
  }

  private void withKey(Optional<ApiKeyPrincipal> found) {
    if (found.isEmpty()) {
      refuseUnread(ingest.refuseUnauthenticated(request(null, 0), req.getHeader("User-Agent")));
      return;
    }
    key = found.get();
    long hold = ingest.bytesToHold(declared);
    if (!ingest.inFlight().tryReserve(hold)) {
      refuseUnread(overloaded("max-in-flight-bytes"));
      return;
    }
    reserved = hold;
    req.response().closeHandler(v -> release());
    body = Buffer.buffer((int) Math.min(Math.max(declared, 1024), Quarantine.MAX_PAYLOAD_CHARS));
    req.handler(this::chunk);
    req.endHandler(v -> finish(false));
    req.exceptionHandler(e -> release());
    if ("100-continue".equalsIgnoreCase(req.getHeader("Expect"))) {
      req.response().writeContinue();
    }
    req.resume();
  }

  private void chunk(Buffer chunk) {
    if (finished) {
      return;
    }
    seen += chunk.length();
    int room = (int) Math.min(chunk.length(), Math.max(0, keepLimit - body.length()));
    if (room > 0) {
      if (declared < 0) {
        if (!ingest.inFlight().tryReserve(room)) {
          finished = true;
          req.pause();
          refuseUnread(overloaded("max-in-flight-bytes"));
          return;
        }
        reserved += room;
      }
      body.appendBuffer(chunk, 0, room);
    }
    if (seen > max || (declared > max && body.length() >= keepLimit)) {
      finish(true); // too large: answer now, never read the rest
    }
  }

  private void finish(boolean early) {
    if (finished) {
      return;
    }
    finished = true;
    if (early) {
      req.pause();
    }
    Context context = server.context();
    ingest
        .handle(request(body.getBytes(), Math.max(declared, seen)), key)
        .whenComplete(
            (resp, err) ->
                context.runOnContext(
                    x -> {
                      if (err != null) {
                        log.error("collector failed on a request to {}", endpoint.path(), err);
                        CollectorServer.reply(
                            req.response(),
                            500,
                            0,
                            null,
                            CollectorServer.error("internal error; see the server log"));
                        release();
                        return;
                      }
                      answer(resp, early);
                      release();
                    }));
  }

  private IngestResponse overloaded(String limit) {
    return ingest.overloaded(request(null, 0), "waymark.collector.limits." + limit);
  }

  /** Answers without reading (the rest of) the body, then closes the connection. */
  private void refuseUnread(IngestResponse resp) {
    release();
    answer(resp, declared != 0 && !req.isEnded());
  }

  /**
   * Writes the answer; with {@code close}, says so and hangs up once it is written, so the unread
   * rest of the body never is read.
   */
  private void answer(IngestResponse resp, boolean close) {
    if (close && !req.response().ended() && !req.response().closed()) {
      req.response().putHeader("Connection", "close");
    }
    Future<Void> sent =
        CollectorServer.reply(
            req.response(),
            resp.status(),
            resp.retryAfterSeconds(),
            resp.allowOrigin(),
            resp.body());
    if (close) {
      sent.onComplete(v -> req.connection().close());
    }
  }

  private void release() {
    if (reserved > 0) {
      ingest.inFlight().release(reserved);
      reserved = 0;
    }
  }

  private IngestRequest request(byte[] bytes, long size) {
    return new IngestRequest(
        endpoint,
        req.getHeader("Authorization"),
        Cors.queryParam(req.query(), "key"),
        req.getHeader("Origin"),
        CollectorServer.host(req),
        bytes == null ? new byte[0] : bytes,
        bytes == null ? declared : size,
        req.remoteAddress() == null ? null : req.remoteAddress().hostAddress());
  }

  private static long parseLength(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
