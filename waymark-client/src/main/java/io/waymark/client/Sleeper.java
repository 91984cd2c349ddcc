package io.waymark.client;

import java.time.Duration;

/** Waits between retries; tests substitute one that records the waits instead of sleeping. */
@FunctionalInterface
interface Sleeper {

  void sleep(Duration duration) throws InterruptedException;

  Sleeper REAL = d -> Thread.sleep(d);
}
