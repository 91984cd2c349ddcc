package io.waymark.generator.simulation;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** How long shoppers stay between two events: log-normal times with plausible medians. */
final class Dwell {

  private Dwell() {}

  /** Reading a content page (home, category, blog, help): median 25 s. */
  static Duration reading(RandomGenerator r) {
    return logNormal(r, 25, 0.9, 3, 600);
  }

  /** Looking at a product page: median 45 s. */
  static Duration product(RandomGenerator r) {
    return logNormal(r, 45, 0.8, 5, 600);
  }

  /** A quick interaction on the current page (scroll, click, typing a search): median 6 s. */
  static Duration quick(RandomGenerator r) {
    return logNormal(r, 6, 0.7, 1, 60);
  }

  /** Filling in the checkout form: median 90 s. */
  static Duration form(RandomGenerator r) {
    return logNormal(r, 90, 0.6, 20, 900);
  }

  /** The page load between a page view and the event it triggers: 100-900 ms. */
  static Duration pageLoad(RandomGenerator r) {
    return Duration.ofMillis(100 + r.nextInt(800));
  }

  /** A bot's pause between requests: 50-450 ms, so well over 100 events a minute. */
  static Duration bot(RandomGenerator r) {
    return Duration.ofMillis(50 + r.nextInt(400));
  }

  private static Duration logNormal(
      RandomGenerator r, double medianSeconds, double sigma, double minSeconds, double maxSeconds) {
    double seconds = medianSeconds * Math.exp(sigma * r.nextGaussian());
    seconds = Math.max(minSeconds, Math.min(maxSeconds, seconds));
    return Duration.ofMillis(Math.round(seconds * 1000));
  }
}
