package io.waymark.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs {@link LoadSpec}s on a pool of Vert.x event loops, one {@link LoadWorker} per loop. */
final class Load implements AutoCloseable {

  private static final long OPEN_LOOP_LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final Vertx vertx;

  Load(int threads) {
    this.vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(threads)
                .setBlockedThreadCheckInterval(10)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
  }

  /** Runs {@code spec} to the end and returns what all its workers observed, merged. */
  Tally run(LoadSpec spec) throws InterruptedException, ExecutionException, TimeoutException {
    int workers = spec.workers();
    // All open-loop workers share one start, a little ahead so that deployment is not measured.
    long start = System.nanoTime() + OPEN_LOOP_LEAD_NANOS;
    List<Future<Tally>> results = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      int connections = (int) Math.max(1, LoadSpec.share(spec.connections(), workers, w));
      LoadWorker worker =
          spec.openLoop()
              ? new LoadWorker(
                  spec,
                  connections,
                  0,
                  Long.MAX_VALUE,
                  new OpenLoopSchedule(
                      start,
                      LoadSpec.share(spec.ratePerSecond(), workers, w),
                      LoadSpec.share(spec.openLoopTotal(), workers, w)))
              : new LoadWorker(
                  spec,
                  connections,
                  (int) LoadSpec.share(spec.concurrency(), workers, w),
                  LoadSpec.share(spec.maxRequests(), workers, w),
                  null);
      results.add(
          vertx
              .deployVerticle(worker)
              .compose(id -> worker.done().eventually(() -> vertx.undeploy(id))));
    }
    long limitSeconds =
        spec.duration().toSeconds() + 2 * LoadWorker.REQUEST_IDLE_TIMEOUT_MS / 1000 + 60;
    Future.all(results)
        .toCompletionStage()
        .toCompletableFuture()
        .get(limitSeconds, TimeUnit.SECONDS);
    Tally merged = new Tally();
    results.forEach(r -> merged.merge(r.result()));
    return merged;
  }

  @Override
  public void close() throws InterruptedException, ExecutionException, TimeoutException {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
