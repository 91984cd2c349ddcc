package io.waymark.ingest;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets by key. A request is let in while the bucket holds any tokens and then pays for all
 * its events, possibly going into debt; the debt delays the next request. So one big batch is never
 * refused for being bigger than the burst, yet the average rate holds.
 */
final class TokenBuckets {

  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;

  TokenBuckets(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** Outcome of asking for admission: admitted, or how long to wait. */
  record Admission(boolean admitted, long retryAfterSeconds) {}

  Admission admit(String key, double ratePerSecond, double burst) {
    Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, nanoTime.getAsLong()));
    synchronized (b) {
      b.refill(nanoTime.getAsLong(), ratePerSecond, burst);
      if (b.tokens > 0) {
        return new Admission(true, 0);
      }
      return new Admission(false, Math.max(1, (long) Math.ceil(-b.tokens / ratePerSecond)));
    }
  }

  void charge(String key, double tokens) {
    Bucket b = buckets.get(key);
    if (b != null) {
      synchronized (b) {
        b.tokens -= tokens;
      }
    }
  }

  /** Takes one token if there is one; for budgets that must never go into debt. */
  boolean tryTake(String key, double ratePerSecond, double burst) {
    Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, nanoTime.getAsLong()));
    synchronized (b) {
      b.refill(nanoTime.getAsLong(), ratePerSecond, burst);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return true;
      }
      return false;
    }
  }

  private static final class Bucket {
    double tokens;
    long lastNanos;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.lastNanos = now;
    }

    void refill(long now, double ratePerSecond, double burst) {
      double add = (now - lastNanos) / 1e9 * ratePerSecond;
      tokens = Math.min(burst, tokens + add);
      lastNanos = now;
    }
  }
}
