package io.waymark.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
  private final Map<String, Presence> presence = new HashMap<>();

  /**
   * The users whose presence was last recorded in each minute, oldest first. Pruning takes whole
   * minutes off the front, so its cost follows the users that became quiet, never all users.
   */
  private final TreeMap<Long, List<String>> listedByMinute = new TreeMap<>();

  /**
   * The client sessions one user had in the window, with the time of the latest event of each. Most
   * users have one session at a time, so the first is held inline and others only when they exist.
   */
  static final class Presence {
    long listedMinute = Long.MIN_VALUE;
    String firstSession;
    long firstAt = Long.MIN_VALUE;
    Map<String, Long> more;

    void seen(String session, long at) {
      if (firstSession == null || firstSession.equals(session)) {
        firstSession = session;
        firstAt = Math.max(firstAt, at);
      } else {
        if (more == null) {
          more = new HashMap<>(4);
        }
        more.merge(session, at, Math::max);
      }
    }

    int activeSince(long since) {
      int n = firstSession != null && firstAt >= since ? 1 : 0;
      if (more != null) {
        for (long t : more.values()) {
          if (t >= since) {
            n++;
          }
        }
      }
      return n;
    }

    /** Drops sessions older than the horizon; true when none is left. */
    boolean forgetBefore(long horizon) {
      if (more != null) {
        more.values().removeIf(t -> t < horizon);
        if (more.isEmpty()) {
          more = null;
        }
      }
      if (firstSession != null && firstAt < horizon) {
        firstSession = null;
        firstAt = Long.MIN_VALUE;
        if (more != null) {
          Map.Entry<String, Long> promoted = more.entrySet().iterator().next();
          firstSession = promoted.getKey();
          firstAt = promoted.getValue();
          more.remove(firstSession);
          if (more.isEmpty()) {
            more = null;
          }
        }
      }
      return firstSession == null;
    }
  }

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
    Presence p = presence.get(user);
    if (p == null) {
      p = new Presence();
      presence.put(user, p);
    }
    p.seen(sessionHint == null ? "" : sessionHint, at);
    long atMinute = Math.floorDiv(at, 60_000L);
    if (atMinute > p.listedMinute) {
      p.listedMinute = atMinute;
      listedByMinute.computeIfAbsent(atMinute, m -> new ArrayList<>()).add(user);
    }
  }

  /** Forgets a user's session presence (an erasure). Minute counts hold no identity. */
  public synchronized void forget(String user) {
    presence.remove(user);
  }

  /**
   * Forgets session presence older than {@code horizonMillis} (keeps the map to active users). Only
   * the users listed in the minutes that fell behind the horizon are looked at; a user seen again
   * later is listed under the later minute and kept until that one falls behind too.
   */
  public synchronized void prune(long horizonMillis) {
    long horizonMinute = Math.floorDiv(horizonMillis, 60_000L);
    while (!listedByMinute.isEmpty() && listedByMinute.firstKey() < horizonMinute) {
      Map.Entry<Long, List<String>> oldest = listedByMinute.pollFirstEntry();
      for (String user : oldest.getValue()) {
        Presence p = presence.get(user);
        if (p != null && p.listedMinute <= oldest.getKey() && p.forgetBefore(horizonMillis)) {
          presence.remove(user);
        }
      }
    }
  }

  /** How many users have session presence held (for tests and the memory gauge). */
  synchronized int presenceSize() {
    return presence.size();
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
    for (Presence p : presence.values()) {
      into.addUserSessions(p.activeSince(sessionsSinceMillis));
    }
  }

  /** How many client sessions a user had active since {@code sinceMillis} (0 when unknown here). */
  public synchronized int sessionsOf(String user, long sinceMillis) {
    Presence p = presence.get(user);
    return p == null ? 0 : p.activeSince(sinceMillis);
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
