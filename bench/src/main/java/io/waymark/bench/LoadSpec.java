package io.waymark.bench;

import io.vertx.core.http.HttpMethod;
import java.time.Duration;

/**
 * One run of HTTP load against the server on 127.0.0.1.
 *
 * <p>Closed loop ({@code ratePerSecond == 0}): {@code concurrency} requests in flight, each sent as
 * soon as the previous one completed, until {@code duration} or {@code maxRequests} is reached.
 * Open loop: {@code ratePerSecond} requests per second for {@code duration}, whatever the server's
 * latency, measured from each request's intended start.
 */
record LoadSpec(
    int port,
    HttpMethod method,
    String authorization,
    RequestSource source,
    boolean countsAcceptedEvents,
    int connections,
    int concurrency,
    long ratePerSecond,
    Duration duration,
    long maxRequests,
    int threads) {

  static LoadSpec closedLoop(
      int port,
      HttpMethod method,
      String authorization,
      RequestSource source,
      boolean countsAcceptedEvents,
      int connections,
      int concurrency,
      Duration duration,
      long maxRequests,
      int threads) {
    return new LoadSpec(
        port,
        method,
        authorization,
        source,
        countsAcceptedEvents,
        connections,
        concurrency,
        0,
        duration,
        maxRequests,
        threads);
  }

  static LoadSpec openLoop(
      int port,
      String authorization,
      RequestSource source,
      int connections,
      long ratePerSecond,
      Duration duration,
      int threads) {
    return new LoadSpec(
        port,
        HttpMethod.POST,
        authorization,
        source,
        true,
        connections,
        0,
        ratePerSecond,
        duration,
        Long.MAX_VALUE,
        threads);
  }

  boolean openLoop() {
    return ratePerSecond > 0;
  }

  /** Requests an open-loop run sends in total. */
  long openLoopTotal() {
    return ratePerSecond * duration.toSeconds();
  }

  /** How many of the worker threads this run uses: never more than it has work for. */
  int workers() {
    long work = openLoop() ? ratePerSecond : Math.min(concurrency, maxRequests);
    return (int) Math.max(1, Math.min(threads, Math.min(work, connections)));
  }

  /** Worker {@code index}'s share of {@code total}, the remainder going to the first workers. */
  static long share(long total, int workers, int index) {
    return total / workers + (index < total % workers ? 1 : 0);
  }
}
