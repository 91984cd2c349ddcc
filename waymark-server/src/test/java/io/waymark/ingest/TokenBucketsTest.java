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

  @Test
  void aFullMapForgetsIdleBucketsAndRefusesNewKeysWhileEveryBucketIsBusy() {
    TokenBuckets bounded = new TokenBuckets(nanos::get, 100);
    for (int i = 0; i < 100; i++) {
      assertThat(bounded.tryTake("addr-" + i, 1, 2)).isTrue(); // each now holds one token of two
    }
    assertThat(bounded.tryTake("late", 1, 2)).isFalse();
    assertThat(bounded.size()).isEqualTo(100);

    nanos.addAndGet(1_000_000_000L); // one second: every bucket back at its burst, i.e. idle
    assertThat(bounded.tryTake("late", 1, 2)).isTrue();
    assertThat(bounded.size()).isEqualTo(1);
    for (int i = 0; i < 10_000; i++) {
      bounded.tryTake("flood-" + i, 1, 2);
      assertThat(bounded.size()).isLessThanOrEqualTo(100);
    }
  }

  @Test
  void forgettingAnIdleBucketChangesNoAnswer() {
    TokenBuckets bounded = new TokenBuckets(nanos::get, 1);
    assertThat(bounded.tryTake("a", 1, 1)).isTrue();
    assertThat(bounded.tryTake("a", 1, 1)).isFalse();
    nanos.addAndGet(1_000_000_000L);
    assertThat(bounded.tryTake("b", 1, 1)).isTrue(); // "a" was full again, so it made room
    assertThat(bounded.tryTake("a", 1, 1)).isFalse(); // the map is full and "b" is in use
    nanos.addAndGet(1_000_000_000L);
    assertThat(bounded.tryTake("a", 1, 1)).isTrue();
  }
}
