package io.waymark.profiles;

import io.waymark.events.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's behaviour in UTC days, for the last {@link #DAYS} days before their newest event: page
 * views, time on site and views per page. Mutable by design (it lives in the stream's per-user
 * state and is updated on every event).
 *
 * <p>Bounds: at most {@link #MAX_PAGES_PER_DAY} distinct pages per day are ranked (views of further
 * pages still count as page views); page names are cut to {@link #MAX_PAGE_CHARS} characters.
 */
public final class BehaviourDays {

  public static final int DAYS = 7;
  static final int MAX_PAGES_PER_DAY = 32;
  static final int MAX_PAGE_CHARS = 200;
  private static final byte VERSION = 1;
  private static final long DAY_MILLIS = 86_400_000L;

  /** One UTC day. */
  static final class Day {
    final long epochDay;
    int pageViews;
    long activeMillis;
    final Map<String, Integer> pages = new HashMap<>(4);

    Day(long epochDay) {
      this.epochDay = epochDay;
    }
  }

  /** Oldest first. */
  final List<Day> days = new ArrayList<>(2);

  public static BehaviourDays empty() {
    return new BehaviourDays();
  }

  public boolean isEmpty() {
    return days.isEmpty();
  }

  /** Counts an event at {@code t}: the day becomes active. */
  public void active(long t) {
    day(t);
  }

  /** Counts a page view at {@code t} of {@code page} (null: counted, not ranked). */
  public void pageView(long t, String page) {
    Day d = day(t);
    if (d == null) {
      return;
    }
    d.pageViews++;
    if (page == null) {
      return;
    }
    String key = page.length() > MAX_PAGE_CHARS ? page.substring(0, MAX_PAGE_CHARS) : page;
    Integer n = d.pages.get(key);
    if (n != null) {
      d.pages.put(key, n + 1);
    } else if (d.pages.size() < MAX_PAGES_PER_DAY) {
      d.pages.put(key, 1);
    }
  }

  /** Adds time on site that started at {@code from} (it counts for the day of {@code from}). */
  public void time(long from, long millis) {
    if (millis <= 0) {
      return;
    }
    Day d = day(from);
    if (d != null) {
      d.activeMillis += millis;
    }
  }

  /** Adds another identity's days to these (a user and their linked anonymous ids). */
  public void addAll(BehaviourDays other) {
    for (Day o : other.days) {
      Day d = day(o.epochDay * DAY_MILLIS);
      if (d == null) {
        continue;
      }
      d.pageViews += o.pageViews;
      d.activeMillis += o.activeMillis;
      o.pages.forEach((p, n) -> d.pages.merge(p, n, Integer::sum));
    }
  }

  /** The profile over the {@link #DAYS} UTC days up to and including the day of {@code now}. */
  public Summary summarize(long now) {
    long today = Math.floorDiv(now, DAY_MILLIS);
    long first = today - (DAYS - 1);
    int views = 0;
    long millis = 0;
    int active = 0;
    Map<String, Integer> pages = new HashMap<>();
    for (Day d : days) {
      if (d.epochDay < first || d.epochDay > today) {
        continue;
      }
      active++;
      views += d.pageViews;
      millis += d.activeMillis;
      d.pages.forEach((p, n) -> pages.merge(p, n, Integer::sum));
    }
    String top = null;
    int topViews = 0;
    for (Map.Entry<String, Integer> e : pages.entrySet()) {
      int n = e.getValue();
      if (n > topViews || (n == topViews && e.getKey().compareTo(top) < 0)) {
        top = e.getKey();
        topViews = n;
      }
    }
    return new Summary(views, millis, active, top, topViews);
  }

  /** When the newest day leaves the window of every later request (MAX_VALUE when empty). */
  public long forgetAt() {
    return days.isEmpty() ? Long.MAX_VALUE : (days.getLast().epochDay + DAYS) * DAY_MILLIS;
  }

  /** Drops the days that no request at or after {@code now} counts any more. */
  public void forgetBefore(long now) {
    long first = Math.floorDiv(now, DAY_MILLIS) - (DAYS - 1);
    days.removeIf(d -> d.epochDay < first);
  }

  /** What {@link #summarize} found. */
  public record Summary(
      int pageViews, long activeMillis, int activeDays, String mostViewedPage, int topPageViews) {}

  /** The bucket of {@code t}'s day, created if needed; null when it is too old to keep. */
  private Day day(long t) {
    long epochDay = Math.floorDiv(t, DAY_MILLIS);
    int i = days.size();
    while (i > 0 && days.get(i - 1).epochDay > epochDay) {
      i--;
    }
    if (i > 0 && days.get(i - 1).epochDay == epochDay) {
      return days.get(i - 1);
    }
    long newest = days.isEmpty() ? epochDay : Math.max(epochDay, days.getLast().epochDay);
    if (epochDay <= newest - DAYS) {
      return null;
    }
    Day d = new Day(epochDay);
    days.add(i, d);
    days.removeIf(x -> x.epochDay <= newest - DAYS);
    return d;
  }

  public void writeTo(Bytes.Writer out) {
    out.raw(VERSION);
    out.varint(days.size());
    for (Day d : days) {
      out.fixed(d.epochDay);
      out.varint(d.pageViews);
      out.fixed(d.activeMillis);
      out.varint(d.pages.size());
      for (Map.Entry<String, Integer> e : d.pages.entrySet()) {
        out.string(e.getKey());
        out.varint(e.getValue());
      }
    }
  }

  public static BehaviourDays readFrom(Bytes.Reader in) {
    byte version = in.raw();
    if (version != VERSION) {
      throw new IllegalStateException(
          "unknown behaviour state version " + version + "; this server reads " + VERSION);
    }
    BehaviourDays b = new BehaviourDays();
    int n = in.varint();
    for (int i = 0; i < n; i++) {
      Day d = new Day(in.fixed());
      d.pageViews = in.varint();
      d.activeMillis = in.fixed();
      int pages = in.varint();
      for (int p = 0; p < pages; p++) {
        d.pages.put(in.string(), in.varint());
      }
      b.days.add(d);
    }
    return b;
  }
}
