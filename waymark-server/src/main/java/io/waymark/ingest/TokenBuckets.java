package io.waymark.ingest;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets by key. A request is let in while the bucket holds any tokens and then pays for all
 * its events, possibly going into debt; the debt delays the next request. So one big batch is never
 * refused for being bigger than the burst, yet the average rate holds.
 *
 * <p>The map is bounded: when it is full, buckets that have refilled to their burst are dropped (a
 * full bucket is exactly what a new one would be, so dropping it changes no answer), and if every
 * bucket is still in use a new key gets no bucket: {@link #tryTake} refuses it.
 */
final class TokenBuckets {

  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;
  private final int maxBuckets;

  TokenBuckets(LongSupplier nanoTime) {
    this(nanoTime, Integer.MAX_VALUE);
  }

  TokenBuckets(LongSupplier nanoTime, int maxBuckets) {
    this.nanoTime = nanoTime;
    this.maxBuckets = maxBuckets;
  }

  /** Outcome of asking for admission: admitted, or how long to wait. */
  record Admission(boolean admitted, long retryAfterSeconds) {}

  Admission admit(String key, double ratePerSecond, double burst) {
    Bucket b = bucket(key, burst);
    if (b == null) {
      return new Admission(false, 1);
    }
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
    Bucket b = bucket(key, burst);
    if (b == null) {
      return false;
    }
    synchronized (b) {
      b.refill(nanoTime.getAsLong(), ratePerSecond, burst);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return true;
      }
      return false;
    }
  }

  int size() {
    return buckets.size();
  }

  private Bucket bucket(String key, double burst) {
    Bucket b = buckets.get(key);
    if (b != null) {
      return b;
    }
    if (buckets.size() >= maxBuckets) {
      long now = nanoTime.getAsLong();
      buckets.values().removeIf(x -> x.fullAt(now));
      if (buckets.size() >= maxBuckets) {
        return null;
      }
    }
    return buckets.computeIfAbsent(key, k -> new Bucket(burst, nanoTime.getAsLong()));
  }

  private static final class Bucket {
    double tokens;
    long lastNanos;
    double rate;
    double burst;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.lastNanos = now;
      this.burst = tokens;
    }

    void refill(long now, double ratePerSecond, double burst) {
      double add = (now - lastNanos) / 1e9 * ratePerSecond;
      tokens = Math.min(burst, tokens + add);
      lastNanos = now;
      this.rate = ratePerSecond;
      this.burst = burst;
    }

    /** Whether the bucket has refilled to its burst by {@code now} (idle: safe to forget). */
    synchronized boolean fullAt(long now) {
      return tokens + (now - lastNanos) / 1e9 * rate >= burst;
    }
  }
}
