package io.waymark.ingest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One budget of request-body bytes held in memory by the collector endpoints of both ports at once.
 * A request reserves its declared length (or each chunk as it comes, when the length is not
 * declared) before it is read and gives it back when its answer is sent; over the budget it is
 * answered 503 with Retry-After before its body is read.
 */
final class InFlightBytes {

  private final long max;
  private final AtomicLong held = new AtomicLong();

  InFlightBytes(long max) {
    this.max = max;
  }

  /** Reserves {@code bytes} if they fit; returns whether they did. */
  boolean tryReserve(long bytes) {
    if (bytes <= 0) {
      return true;
    }
    long now = held.addAndGet(bytes);
    if (now > max && now != bytes) { // a single request larger than the budget still gets in alone
      held.addAndGet(-bytes);
      return false;
    }
    return true;
  }

  void release(long bytes) {
    if (bytes > 0) {
      held.addAndGet(-bytes);
    }
  }

  long held() {
    return held.get();
  }

  long max() {
    return max;
  }
}
