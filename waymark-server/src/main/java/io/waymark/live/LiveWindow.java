package io.waymark.live;

import java.util.HashMap;
import java.util.Map;

/**
 * One partition's last hour of live figures, in event-time minute buckets. Users are partitioned,
 * so the distinct-user counts of different partitions add up. Written by one stream thread, read by
 * API threads; every method is synchronised (uncontended in practice).
 */
public final class LiveWindow {

  static final int MINUTES = 60;
  static final int MAX_PAGES_PER_MINUTE = 5_000;
  static final String OTHER_PAGES = "(other pages)";

  private final Bucket[] buckets = new Bucket[MINUTES];
  private final Map<String, Map<String, Long>> sessionsByUser = new HashMap<>();

  /** Figures of one minute. */
  static final class Bucket {
    final long minute;
    long events;
    int uniqueUsers;
    int lastActive;
    final Map<String, Integer> pageViews = new HashMap<>();

    Bucket(long minute) {
      this.minute = minute;
    }
  }

  /**
   * Records one event of a user.
   *
   * @param minute the event's minute (epoch minutes)
   * @param firstInMinute whether it is the user's first event in that minute
   * @param previousLastMinute the minute of the user's latest event before this one (-1: none)
   * @param page the page viewed, or null
   * @param sessionHint the client session id (null: one session per user)
   * @param at the event time, epoch ms
   */
  public synchronized void record(
      String user,
      long minute,
      boolean firstInMinute,
      long previousLastMinute,
      String page,
      String sessionHint,
      long at) {
    Bucket b = bucket(minute, true);
    if (b == null) {
      return; // older than the window
    }
    b.events++;
    if (firstInMinute) {
      b.uniqueUsers++;
    }
    if (minute > previousLastMinute) {
      b.lastActive++;
      Bucket before = previousLastMinute < 0 ? null : bucket(previousLastMinute, false);
      if (before != null) {
        before.lastActive--;
      }
    }
    if (page != null) {
      String key =
          b.pageViews.size() < MAX_PAGES_PER_MINUTE || b.pageViews.containsKey(page)
              ? page
              : OTHER_PAGES;
      b.pageViews.merge(key, 1, Integer::sum);
    }
    sessionsByUser
        .computeIfAbsent(user, u -> new HashMap<>(2))
        .merge(sessionHint == null ? "" : sessionHint, at, Math::max);
  }

  /** Forgets a user's session presence (an erasure). Minute counts hold no identity. */
  public synchronized void forget(String user) {
    sessionsByUser.remove(user);
  }

  /** Forgets session presence older than {@code horizonMillis} (keeps the map to active users). */
  public synchronized void prune(long horizonMillis) {
    sessionsByUser
        .values()
        .removeIf(
            m -> {
              m.values().removeIf(t -> t < horizonMillis);
              return m.isEmpty();
            });
  }

  /**
   * Adds this partition's figures to {@code into}: minute counts for {@code [fromMinute,
   * toMinute]}, page views from {@code pagesFromMinute}, and sessions active since {@code
   * sessionsSinceMillis}.
   */
  public synchronized void addTo(
      LiveSnapshot into,
      long fromMinute,
      long toMinute,
      long pagesFromMinute,
      long sessionsSinceMillis) {
    for (Bucket b : buckets) {
      if (b != null && b.minute >= fromMinute && b.minute <= toMinute) {
        into.addMinute(b.minute, b.events, b.uniqueUsers, b.lastActive);
        if (b.minute >= pagesFromMinute) {
          into.addPages(b.pageViews);
        }
      }
    }
    for (Map<String, Long> sessions : sessionsByUser.values()) {
      int open = 0;
      for (long t : sessions.values()) {
        if (t >= sessionsSinceMillis) {
          open++;
        }
      }
      into.addUserSessions(open);
    }
  }

  /** How many client sessions a user had active since {@code sinceMillis} (0 when unknown here). */
  public synchronized int sessionsOf(String user, long sinceMillis) {
    Map<String, Long> sessions = sessionsByUser.get(user);
    if (sessions == null) {
      return 0;
    }
    return (int) sessions.values().stream().filter(t -> t >= sinceMillis).count();
  }

  private Bucket bucket(long minute, boolean create) {
    int slot = (int) Math.floorMod(minute, (long) MINUTES);
    Bucket b = buckets[slot];
    if (b != null && b.minute == minute) {
      return b;
    }
    if (!create || (b != null && b.minute > minute)) {
      return null;
    }
    b = new Bucket(minute);
    buckets[slot] = b;
    return b;
  }
}
