package io.waymark.generator.simulation;

import java.time.Duration;
import java.time.Instant;

/**
 * What to simulate: the seed, the population, the share of bots, the virtual start time and the
 * mean pause between two sessions of the same shopper.
 */
public record SimulationSettings(
    long seed, int users, double botFraction, Instant start, Duration meanSessionGap) {

  /** Default population size. */
  public static final int DEFAULT_USERS = 1000;

  /** Default share of bot-like shoppers. */
  public static final double DEFAULT_BOTS = 0.002;

  /** Default mean pause between two sessions of the same shopper. */
  public static final Duration DEFAULT_SESSION_GAP = Duration.ofDays(2);

  /** The shortest pause between sessions: longer than the collector's 30-minute rule. */
  public static final Duration MIN_SESSION_GAP = Duration.ofMinutes(31);

  public SimulationSettings {
    if (users < 1) {
      throw new IllegalArgumentException("users must be at least 1, got " + users);
    }
    if (!(botFraction >= 0 && botFraction <= 1)) {
      throw new IllegalArgumentException("botFraction must be in [0, 1], got " + botFraction);
    }
    if (meanSessionGap.compareTo(MIN_SESSION_GAP) < 0) {
      meanSessionGap = MIN_SESSION_GAP;
    }
  }

  /** Settings with the defaults for everything but the seed and the start. */
  public static SimulationSettings of(long seed, Instant start) {
    return new SimulationSettings(seed, DEFAULT_USERS, DEFAULT_BOTS, start, DEFAULT_SESSION_GAP);
  }

  public SimulationSettings withUsers(int users, double botFraction) {
    return new SimulationSettings(seed, users, botFraction, start, meanSessionGap);
  }

  public SimulationSettings withMeanSessionGap(Duration gap) {
    return new SimulationSettings(seed, users, botFraction, start, gap);
  }

  /** Number of bot slots: the fraction of the population, rounded up when the fraction is > 0. */
  int bots() {
    return (int) Math.min(users, Math.ceil(users * botFraction - 1e-9));
  }
}
