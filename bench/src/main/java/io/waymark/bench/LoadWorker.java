package io.waymark.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Sends one worker's share of a {@link LoadSpec} from a single event loop with its own connection
 * pool; everything it touches is confined to that event loop.
 */
final class LoadWorker extends VerticleBase {

  /** A request without a byte of answer for this long counts as failed. */
  static final long REQUEST_IDLE_TIMEOUT_MS = 30_000;

  private record Reply(int status, String body) {}

  private final LoadSpec spec;
  private final int connections;
  private final int concurrency;
  private final long maxRequests;
  private final OpenLoopSchedule schedule;
  private final Promise<Tally> done = Promise.promise();
  private final Tally tally = new Tally();
  private HttpClientAgent client;
  private long deadlineNanos;
  private long sent;
  private long inFlight;
  private long timer = -1;

  /** A closed-loop worker, or an open-loop one when {@code schedule} is not null. */
  LoadWorker(
      LoadSpec spec,
      int connections,
      int concurrency,
      long maxRequests,
      OpenLoopSchedule schedule) {
    this.spec = spec;
    this.connections = connections;
    this.concurrency = concurrency;
    this.maxRequests = maxRequests;
    this.schedule = schedule;
  }

  Future<Tally> done() {
    return done.future();
  }

  @Override
  public Future<?> start() {
    client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(spec.port())
                .setTcpNoDelay(true)
                .setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(connections));
    if (schedule != null) {
      timer = vertx.setPeriodic(1, id -> sendDue());
    } else {
      deadlineNanos = System.nanoTime() + spec.duration().toNanos();
      for (int i = 0; i < concurrency && sent < maxRequests; i++) {
        send(System.nanoTime());
      }
      finishIfIdle();
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return client.close();
  }

  private void sendDue() {
    long due = schedule.dueBy(System.nanoTime());
    while (sent < due) {
      send(schedule.intendedStart(sent));
    }
    if (sent >= schedule.total()) {
      vertx.cancelTimer(timer);
      finishIfIdle();
    }
  }

  /** Sends one request whose latency counts from {@code fromNanos}. */
  private void send(long fromNanos) {
    RequestSource.Request request = spec.source().next();
    sent++;
    inFlight++;
    tally.started(fromNanos);
    var options =
        new RequestOptions()
            .setMethod(spec.method())
            .setURI(request.uri())
            .setIdleTimeout(REQUEST_IDLE_TIMEOUT_MS)
            .putHeader(HttpHeaders.AUTHORIZATION, spec.authorization());
    if (request.body() != null) {
      options.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    }
    client
        .request(options)
        .compose(
            req -> request.body() == null ? req.send() : req.send(Buffer.buffer(request.body())))
        .compose(resp -> resp.body().map(body -> new Reply(resp.statusCode(), body.toString())))
        .onComplete(
            result -> {
              long end = System.nanoTime();
              inFlight--;
              tally.completed(fromNanos, end);
              if (result.succeeded()) {
                tally.response(
                    result.result().status(), result.result().body(), spec.countsAcceptedEvents());
              } else {
                tally.failed(result.cause());
              }
              if (schedule == null && end < deadlineNanos && sent < maxRequests) {
                send(end);
              } else {
                finishIfIdle();
              }
            });
  }

  private void finishIfIdle() {
    boolean allSent = schedule == null || sent >= schedule.total();
    if (allSent && inFlight == 0) {
      done.tryComplete(tally);
    }
  }
}
