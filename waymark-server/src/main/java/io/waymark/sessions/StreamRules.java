package io.waymark.sessions;

import java.time.Duration;

/**
 * The time rules of the per-user processor: the session gap, how late an event may be (grace), how
 * long an identity is remembered after its last event, and the cap on one page's time on site.
 */
public record StreamRules(
    Duration gap, Duration grace, Duration identityMemory, Duration maxPageTime) {

  /** The defaults: 30 min, 72 h, 90 days, 10 min. */
  public static StreamRules defaults() {
    return new StreamRules(
        Duration.ofMinutes(30), Duration.ofHours(72), Duration.ofDays(90), Duration.ofMinutes(10));
  }
}
