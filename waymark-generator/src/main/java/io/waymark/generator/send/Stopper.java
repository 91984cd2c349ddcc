package io.waymark.generator.send;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The stop signal of a send run (Ctrl-C), with sleeps that end early when it is given. */
final class Stopper {

  private final CountDownLatch stop = new CountDownLatch(1);

  void stop() {
    stop.countDown();
  }

  boolean stopped() {
    return stop.getCount() == 0;
  }

  /** Sleeps for {@code d}; returns false when the run was stopped (or interrupted) meanwhile. */
  boolean sleep(Duration d) {
    try {
      return !stop.await(Math.max(0, d.toNanos()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
      return false;
    }
  }
}
