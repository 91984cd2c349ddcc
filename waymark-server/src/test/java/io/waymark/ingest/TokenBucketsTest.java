package io.waymark.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

  private final AtomicLong nanos = new AtomicLong();
  private final TokenBuckets buckets = new TokenBuckets(nanos::get);

  @Test
  void admitsABigBatchThenMakesTheClientWaitOffTheDebt() {
    assertThat(buckets.admit("k", 10, 20).admitted()).isTrue();
    buckets.charge("k", 50); // 20 - 50 = -30 tokens
    TokenBuckets.Admission next = buckets.admit("k", 10, 20);
    assertThat(next.admitted()).isFalse();
    assertThat(next.retryAfterSeconds()).isEqualTo(3);
    nanos.addAndGet(3_100_000_000L);
    assertThat(buckets.admit("k", 10, 20).admitted()).isTrue();
  }

  @Test
  void refillsNoMoreThanTheBurst() {
    buckets.admit("k", 10, 20);
    nanos.addAndGet(3_600_000_000_000L);
    assertThat(buckets.admit("k", 10, 20).admitted()).isTrue();
    buckets.charge("k", 21);
    assertThat(buckets.admit("k", 10, 20).admitted()).isFalse();
  }

  @Test
  void keepsKeysApart() {
    buckets.admit("a", 1, 1);
    buckets.charge("a", 5);
    assertThat(buckets.admit("a", 1, 1).admitted()).isFalse();
    assertThat(buckets.admit("b", 1, 1).admitted()).isTrue();
  }

  @Test
  void budgetsNeverGoIntoDebt() {
    assertThat(buckets.tryTake("q", 1, 2)).isTrue();
    assertThat(buckets.tryTake("q", 1, 2)).isTrue();
    assertThat(buckets.tryTake("q", 1, 2)).isFalse();
    nanos.addAndGet(1_000_000_000L);
    assertThat(buckets.tryTake("q", 1, 2)).isTrue();
  }
}
