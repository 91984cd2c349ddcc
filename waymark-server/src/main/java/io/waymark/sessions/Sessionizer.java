package io.waymark.sessions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The session rule, in one place: a session ends after {@code gap} (30 minutes by default) without
 * events; an event that comes {@code gap} or more after the previous one starts a new session.
 * Journeys use it on stored events; the stream processor uses {@link #continues} as events arrive.
 */
public final class Sessionizer {

  public static final Duration DEFAULT_GAP = Duration.ofMinutes(30);

  private final long gapMillis;

  public Sessionizer(Duration gap) {
    if (gap.isNegative() || gap.isZero()) {
      throw new IllegalArgumentException("session gap must be positive, got " + gap);
    }
    this.gapMillis = gap.toMillis();
  }

  /**
   * Whether an event at {@code next} belongs to the session whose last event was at {@code last}.
   */
  public boolean continues(long lastMillis, long nextMillis) {
    return nextMillis - lastMillis < gapMillis;
  }

  /** Splits events, sorted by time, into sessions. */
  public <T> List<List<T>> split(List<T> events, ToLongFunction<T> time) {
    List<List<T>> sessions = new ArrayList<>();
    List<T> current = null;
    long last = 0;
    for (T e : events) {
      long t = time.applyAsLong(e);
      if (current == null || !continues(last, t)) {
        current = new ArrayList<>();
        sessions.add(current);
      }
      current.add(e);
      last = t;
    }
    return sessions;
  }
}
