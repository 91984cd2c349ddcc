package io.waymark.live;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Live figures merged from every partition at one moment; plain data, built per query. */
public final class LiveSnapshot {

  private final TreeMap<Long, long[]> minutes = new TreeMap<>();
  private final Map<String, Long> pages = new HashMap<>();
  private final long[] sessionsPerUser = new long[4];

  /** One minute of the per-minute chart. */
  public record Minute(long minute, long events, long uniqueUsers) {}

  /** A page and its views. */
  public record PageViews(String page, long views) {}

  void addMinute(long minute, long events, long uniqueUsers, long lastActive) {
    long[] m = minutes.computeIfAbsent(minute, k -> new long[3]);
    m[0] += events;
    m[1] += uniqueUsers;
    m[2] += lastActive;
  }

  void addPages(Map<String, Integer> views) {
    views.forEach((page, n) -> pages.merge(page, (long) n, Long::sum));
  }

  void addUserSessions(int open) {
    if (open > 0) {
      sessionsPerUser[Math.min(open, 3)]++;
    }
  }

  /** Users whose latest event falls in {@code [fromMinute, toMinute]}. */
  public long activeUsers(long fromMinute, long toMinute) {
    long n = 0;
    for (long[] m : minutes.subMap(fromMinute, true, toMinute, true).values()) {
      n += m[2];
    }
    return n;
  }

  public List<PageViews> topPages(int n) {
    return pages.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(n)
        .map(e -> new PageViews(e.getKey(), e.getValue()))
        .toList();
  }

  /** One entry per minute in {@code [fromMinute, toMinute]}, zeros where nothing happened. */
  public List<Minute> perMinute(long fromMinute, long toMinute) {
    List<Minute> out = new ArrayList<>();
    for (long m = fromMinute; m <= toMinute; m++) {
      long[] v = minutes.getOrDefault(m, new long[3]);
      out.add(new Minute(m, v[0], v[1]));
    }
    return out;
  }

  /** Users with 1, 2 and 3 or more client sessions active in the window. */
  public Map<String, Long> sessionsPerUser() {
    Map<String, Long> out = new TreeMap<>(Comparator.naturalOrder());
    out.put("1", sessionsPerUser[1]);
    out.put("2", sessionsPerUser[2]);
    out.put("3+", sessionsPerUser[3]);
    return out;
  }
}
