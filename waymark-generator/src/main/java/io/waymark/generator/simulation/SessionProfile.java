package io.waymark.generator.simulation;

import java.time.Duration;

/**
 * The average session of a simulated population: how many events it has and how long it lasts.
 * Commands use it to choose the pause between sessions that spreads events as they need.
 */
public record SessionProfile(double eventsPerSession, Duration sessionLength) {

  /**
   * The mean pause between sessions at which {@code users} shoppers produce {@code eventsPerSecond}
   * events per second of simulated time.
   */
  public Duration gapFor(int users, double eventsPerSecond) {
    double cycleSeconds = users * eventsPerSession / eventsPerSecond;
    double gapSeconds = cycleSeconds - sessionLength.toMillis() / 1000.0;
    return Duration.ofMillis(Math.max(0, Math.round(gapSeconds * 1000)));
  }
}
