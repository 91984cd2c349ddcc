package io.waymark.ingest;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lean collector server (Vert.x): serves only the collector endpoints (with their CORS
 * preflights) and the browser snippet, on a port of its own, because the event path must carry far
 * more requests per second than the main API server.
 */
final class CollectorServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CollectorServer.class);
  private static final String JSON = "application/json";

  private final IngestService ingest;
  private final Snippet snippet;
  private final java.util.List<LeanRead> reads;
  private final Vertx vertx;
  private final HttpServer server;

  CollectorServer(
      IngestService ingest,
      Snippet snippet,
      java.util.List<LeanRead> reads,
      String host,
      int port) {
    this.ingest = ingest;
    this.reads = java.util.List.copyOf(reads);
    this.snippet = snippet;
    this.vertx =
        Vertx.vertx(
            new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
    this.server =
        vertx.createHttpServer(
            new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setTcpNoDelay(true)
                .setCompressionSupported(false));
    server.requestHandler(this::handle);
    try {
      server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException(
          "the collector could not listen on "
              + host
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "); choose another port with --waymark.collector.port=... or -1 to turn it off",
          e);
    }
    log.info("collector listening on http://{}:{}", host, server.actualPort());
  }

  int port() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest req) {
    if (req.path().equals(Snippet.PATH)
        && (req.method() == HttpMethod.GET || req.method() == HttpMethod.HEAD)) {
      req.response()
          .putHeader("Content-Type", Snippet.CONTENT_TYPE)
          .putHeader("Cache-Control", Snippet.CACHE_CONTROL)
          .end(Buffer.buffer(snippet.bytes()));
      return;
    }
    if (req.method() == HttpMethod.GET) {
      for (LeanRead r : reads) {
        String id = r.idIn(req.path());
        if (id != null) {
          read(req, r, id);
          return;
        }
      }
    }
    Endpoint endpoint = route(req.path());
    if (endpoint == null) {
      reply(req.response(), 404, 0, null, error("no collector endpoint at " + req.path()));
      return;
    }
    if (req.method() == HttpMethod.OPTIONS) {
      preflight(req);
      return;
    }
    if (req.method() != HttpMethod.POST) {
      req.response().putHeader("Allow", "POST, OPTIONS");
      reply(req.response(), 405, 0, null, error(req.method() + " is not allowed here; use POST"));
      return;
    }
    long max = ingest.maxBodyBytes();
    String lengthHeader = req.getHeader("Content-Length");
    long declared = lengthHeader == null ? -1 : parseLength(lengthHeader);
    Buffer body =
        Buffer.buffer((int) Math.min(Math.max(declared, 1024), Quarantine.MAX_PAYLOAD_CHARS));
    long[] seen = {0};
    Context context = vertx.getOrCreateContext();
    req.handler(
        chunk -> {
          seen[0] += chunk.length();
          if (seen[0] <= max) {
            body.appendBuffer(chunk);
          } else if (body.length() < Quarantine.MAX_PAYLOAD_CHARS) {
            int room = Quarantine.MAX_PAYLOAD_CHARS - body.length();
            body.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
          }
        });
    req.endHandler(
        v -> {
          long size = Math.max(declared, seen[0]);
          IngestRequest request =
              new IngestRequest(
                  endpoint,
                  req.getHeader("Authorization"),
                  Cors.queryParam(req.query(), "key"),
                  req.getHeader("Origin"),
                  host(req),
                  body.getBytes(),
                  size,
                  req.remoteAddress() == null ? null : req.remoteAddress().hostAddress());
          ingest
              .handle(request)
              .whenComplete(
                  (resp, err) ->
                      context.runOnContext(
                          x -> {
                            if (err != null) {
                              log.error(
                                  "collector failed on a request to {}", endpoint.path(), err);
                              reply(
                                  req.response(),
                                  500,
                                  0,
                                  null,
                                  error("internal error; see the server log"));
                            } else {
                              reply(
                                  req.response(),
                                  resp.status(),
                                  resp.retryAfterSeconds(),
                                  resp.allowOrigin(),
                                  resp.body());
                            }
                          }));
        });
  }

  /** A lean read: the key is checked here, the answer computed on a worker thread. */
  private void read(HttpServerRequest req, LeanRead r, String encodedId) {
    java.util.Optional<io.waymark.admin.ApiKeyPrincipal> key =
        ingest.bearer(req.getHeader("Authorization"));
    if (key.isEmpty()) {
      reply(
          req.response(),
          401,
          0,
          null,
          problem(401, "authorization", "send 'Authorization: Bearer <key>' with a valid key"));
      return;
    }
    if (!r.allows(key.get().role())) {
      reply(
          req.response(),
          403,
          0,
          null,
          problem(
              403,
              "authorization",
              "this key's role may not read " + r.prefix() + "{id}" + r.suffix()));
      return;
    }
    String id = java.net.URLDecoder.decode(encodedId, StandardCharsets.UTF_8);
    vertx
        .executeBlocking(() -> r.answer(id, req::getParam), false)
        .onComplete(
            done -> {
              if (done.failed()) {
                log.error(
                    "lean read of {} failed",
                    io.waymark.platform.LogSafe.path(req.path()),
                    done.cause());
                reply(req.response(), 500, 0, null, error("internal error; see the server log"));
              } else {
                reply(req.response(), done.result().status(), 0, null, done.result().body());
              }
            });
  }

  /** An error in the API's format (status, error, message, errors[field, reason]). */
  private static byte[] problem(int status, String field, String reason) {
    String text = reason.replace("\\", "\\\\").replace("\"", "\\\"");
    String error = status == 401 ? "Unauthorized" : "Forbidden";
    return ("{\"status\":"
            + status
            + ",\"error\":\""
            + error
            + "\",\"message\":\""
            + field
            + ": "
            + text
            + "\",\"errors\":[{\"field\":\""
            + field
            + "\",\"reason\":\""
            + text
            + "\"}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Endpoint route(String path) {
    for (Endpoint e : Endpoint.values()) {
      if (e.path().equals(path)) {
        return e;
      }
    }
    return null;
  }

  /** The host:port the request was sent to (HTTP/2 carries it as :authority, not Host). */
  private static String host(HttpServerRequest req) {
    HostAndPort a = req.authority();
    if (a == null) {
      return req.getHeader("Host");
    }
    return a.port() < 0 ? a.host() : a.host() + ":" + a.port();
  }

  private static long parseLength(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A CORS preflight: allowed origins get 204 with the CORS headers, others 403. */
  private void preflight(HttpServerRequest req) {
    String origin = req.getHeader("Origin");
    String allowed = ingest.preflight(origin, Cors.queryParam(req.query(), "key"), host(req));
    if (allowed == null) {
      reply(req.response(), 403, 0, null, error(Cors.refusalReason(origin)));
      return;
    }
    Cors.preflightHeaders(allowed).forEach(req.response()::putHeader);
    req.response().setStatusCode(204).end();
  }

  private static void reply(
      HttpServerResponse response, int status, long retryAfter, String allowOrigin, byte[] body) {
    if (response.ended() || response.closed()) {
      return;
    }
    if (allowOrigin != null) {
      Cors.responseHeaders(allowOrigin).forEach(response::putHeader);
    }
    response.setStatusCode(status).putHeader("Content-Type", JSON);
    if (retryAfter > 0) {
      response.putHeader("Retry-After", String.valueOf(retryAfter));
    }
    response.end(Buffer.buffer(body));
  }

  private static byte[] error(String message) {
    return ("{\"message\":\"" + message.replace("\"", "'") + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("collector did not stop cleanly: {}", e.toString());
    }
  }
}
