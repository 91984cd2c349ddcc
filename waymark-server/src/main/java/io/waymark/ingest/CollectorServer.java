package io.waymark.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;
import io.waymark.admin.ApiKeyPrincipal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
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
  private final CollectorSettings.Limits limits;
  private final AtomicInteger connections = new AtomicInteger();
  private final Semaphore lookups;
  private final Counter refusedConnections;

  CollectorServer(
      IngestService ingest,
      Snippet snippet,
      java.util.List<LeanRead> reads,
      String host,
      int port,
      CollectorSettings.Limits limits,
      MeterRegistry registry) {
    this.ingest = ingest;
    this.reads = java.util.List.copyOf(reads);
    this.snippet = snippet;
    this.limits = limits;
    this.lookups = new Semaphore(limits.maxPendingKeyLookups());
    this.vertx =
        Vertx.vertx(
            new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
    this.server =
        vertx.createHttpServer(
            new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setTcpNoDelay(true)
                .setCompressionSupported(false)
                // HTTP/1.1 only: with cleartext HTTP/2 a connection is no HTTP connection (and so
                // not counted against the cap) until its first bytes say which protocol it is.
                .setHttp2ClearTextEnabled(false)
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setIdleTimeout(
                    (int) Math.min(Integer.MAX_VALUE, limits.idleTimeout().toMillis())));
    this.refusedConnections =
        Counter.builder("waymark.collector.connections.refused")
            .description(
                "connections to the collector port closed at once because"
                    + " waymark.collector.limits.max-connections were open")
            .register(registry);
    Gauge.builder("waymark.collector.connections", connections, AtomicInteger::get)
        .description("open connections to the collector port")
        .register(registry);
    server.connectionHandler(this::connected);
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

  /** Over the cap a new connection is closed at once: it never costs a request's worth. */
  private void connected(HttpConnection c) {
    if (connections.incrementAndGet() > limits.maxConnections()) {
      connections.decrementAndGet();
      refusedConnections.increment();
      c.close();
      return;
    }
    c.closeHandler(v -> connections.decrementAndGet());
  }

  Context context() {
    return vertx.getOrCreateContext();
  }

  /**
   * Calls {@code then} with the key {@code presented} names, on the event loop: from the cache at
   * once, or after a database lookup on a worker thread; {@code busy} instead when too many lookups
   * are already waiting.
   */
  void withKey(String presented, Consumer<Optional<ApiKeyPrincipal>> then, Runnable busy) {
    Optional<ApiKeyPrincipal> cached = ingest.cachedKey(presented);
    if (cached != null) {
      then.accept(cached);
      return;
    }
    if (!lookups.tryAcquire()) {
      busy.run();
      return;
    }
    vertx
        .executeBlocking(() -> ingest.lookUpKey(presented), false)
        .onComplete(
            done -> {
              lookups.release();
              if (done.failed()) {
                log.error("API key lookup failed", done.cause());
                then.accept(Optional.empty());
              } else {
                then.accept(done.result());
              }
            });
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
    new LeanPost(this, ingest, req, endpoint).start();
  }

  /**
   * A lean read: the key is checked here (a lookup off the event loop), the answer computed on a
   * worker thread.
   */
  private void read(HttpServerRequest req, LeanRead r, String encodedId) {
    withKey(
        IngestService.bearerToken(req.getHeader("Authorization")),
        key -> read(req, r, encodedId, key),
        () ->
            reply(
                req.response(),
                503,
                1,
                null,
                error("too many API key lookups in progress; retry after 1 s")));
  }

  private void read(
      HttpServerRequest req, LeanRead r, String encodedId, Optional<ApiKeyPrincipal> key) {
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
  static String host(HttpServerRequest req) {
    HostAndPort a = req.authority();
    if (a == null) {
      return req.getHeader("Host");
    }
    return a.port() < 0 ? a.host() : a.host() + ":" + a.port();
  }

  /** A CORS preflight: allowed origins get 204 with the CORS headers, others 403. */
  private void preflight(HttpServerRequest req) {
    String origin = req.getHeader("Origin");
    String queryKey = Cors.queryParam(req.query(), "key");
    if (queryKey == null) {
      // The origins of all keys: one query at most every 30 s, cached by the keys.
      preflight(req, origin, ingest.preflight(origin, null, host(req)));
      return;
    }
    withKey(
        queryKey.trim(),
        key -> preflight(req, origin, ingest.preflightFor(origin, key, host(req))),
        () -> reply(req.response(), 503, 1, null, error("too many key lookups; retry after 1 s")));
  }

  private void preflight(HttpServerRequest req, String origin, String allowed) {
    if (allowed == null) {
      reply(req.response(), 403, 0, null, error(Cors.refusalReason(origin)));
      return;
    }
    Cors.preflightHeaders(allowed).forEach(req.response()::putHeader);
    req.response().setStatusCode(204).end();
  }

  /** Writes the answer; the future completes once it is written (or at once if it cannot be). */
  static Future<Void> reply(
      HttpServerResponse response, int status, long retryAfter, String allowOrigin, byte[] body) {
    if (response.ended() || response.closed()) {
      return Future.succeededFuture();
    }
    if (allowOrigin != null) {
      Cors.responseHeaders(allowOrigin).forEach(response::putHeader);
    }
    response.setStatusCode(status).putHeader("Content-Type", JSON);
    if (retryAfter > 0) {
      response.putHeader("Retry-After", String.valueOf(retryAfter));
    }
    return response.end(Buffer.buffer(body));
  }

  static byte[] error(String message) {
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
