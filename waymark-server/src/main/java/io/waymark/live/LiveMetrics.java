package io.waymark.live;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Answers live questions by merging the partitions' minute buckets at query time. Windows are
 * relative to processing time ("now" from the injected clock), so figures fall when traffic stops.
 */
public final class LiveMetrics {

  private static final long MINUTE = 60_000;

  private final LiveRegistry registry;
  private final Clock clock;

  public LiveMetrics(LiveRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  /** Everything the live dashboard needs, in one answer. */
  public record Summary(
      Instant generatedAt,
      @JsonProperty("active_users_5m") long activeUsers5m,
      @JsonProperty("top_pages_15m") List<Page> topPages15m,
      @JsonProperty("sessions_per_user_5m") Map<String, Long> sessionsPerUser5m,
      @JsonProperty("per_minute_60m") List<PerMinute> perMinute60m,
      int partitions) {}

  /** Views of one page in the window. */
  public record Page(String page, long views) {}

  /** Events and distinct users in one minute. */
  public record PerMinute(Instant minute, long events, long uniqueUsers) {}

  public Summary summary(int topN) {
    long now = clock.millis();
    long nowMinute = Math.floorDiv(now, MINUTE);
    LiveSnapshot s = snapshot(nowMinute - 59, nowMinute, nowMinute - 14, now - 5 * MINUTE);
    return new Summary(
        Instant.ofEpochMilli(now),
        s.activeUsers(nowMinute - 4, nowMinute),
        pages(s, topN),
        s.sessionsPerUser(),
        s.perMinute(nowMinute - 59, nowMinute).stream()
            .map(
                m ->
                    new PerMinute(
                        Instant.ofEpochMilli(m.minute() * MINUTE), m.events(), m.uniqueUsers()))
            .toList(),
        registry.windows().size());
  }

  /** Active users in the last {@code minutes} minutes (1-60). */
  public long activeUsers(int minutes) {
    long nowMinute = Math.floorDiv(clock.millis(), MINUTE);
    return snapshot(nowMinute - minutes + 1, nowMinute, Long.MAX_VALUE, Long.MAX_VALUE)
        .activeUsers(nowMinute - minutes + 1, nowMinute);
  }

  /** The most viewed pages in the last {@code minutes} minutes (1-60). */
  public List<Page> topPages(int minutes, int topN) {
    long nowMinute = Math.floorDiv(clock.millis(), MINUTE);
    return pages(
        snapshot(nowMinute - minutes + 1, nowMinute, nowMinute - minutes + 1, Long.MAX_VALUE),
        topN);
  }

  /** How many client sessions the user had active in the last {@code minutes} minutes. */
  public int sessionsOf(String user, int minutes) {
    long since = clock.millis() - minutes * MINUTE;
    int n = 0;
    for (LiveWindow w : registry.windows()) {
      n += w.sessionsOf(user, since);
    }
    return n;
  }

  private LiveSnapshot snapshot(
      long fromMinute, long toMinute, long pagesFromMinute, long sessionsSince) {
    LiveSnapshot s = new LiveSnapshot();
    for (LiveWindow w : registry.windows()) {
      w.addTo(s, fromMinute, toMinute, pagesFromMinute, sessionsSince);
    }
    return s;
  }

  private static List<Page> pages(LiveSnapshot s, int topN) {
    return s.topPages(topN).stream().map(p -> new Page(p.page(), p.views())).toList();
  }
}
