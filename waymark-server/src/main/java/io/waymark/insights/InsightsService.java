package io.waymark.insights;

import io.waymark.store.InsightsQueries;
import io.waymark.store.InsightsQueries.DayCount;
import io.waymark.store.InsightsQueries.DayTypeCount;
import io.waymark.store.InsightsQueries.Funnel;
import io.waymark.store.InsightsQueries.Period;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Assembles a period's KPIs from the store's insight queries. */
final class InsightsService {

  static final List<String> FUNNEL_STEPS =
      List.of("product_view", "add_to_cart", "checkout", "purchase");

  private final InsightsQueries queries;

  InsightsService(InsightsQueries queries) {
    this.queries = queries;
  }

  Insights insights(InsightsPeriod period, int limit) {
    Period p = period.toQuery();
    Map<Long, long[]> byDay = new HashMap<>(); // events, users, new, sessions, orders
    Map<Long, Map<String, Double>> revenueByDay = new HashMap<>();
    Map<String, Long> byType = new TreeMap<>();
    Map<String, Double> revenue = new TreeMap<>();
    for (DayTypeCount c : queries.eventsByDay(p)) {
      long[] d = day(byDay, c.epochDay());
      d[0] += c.events();
      byType.merge(c.type(), c.events(), Long::sum);
      if (c.type().equals("purchase")) {
        d[4] += c.events();
        if (!c.currency().isEmpty()) {
          revenue.merge(c.currency(), c.amount(), Double::sum);
          revenueByDay
              .computeIfAbsent(c.epochDay(), k -> new TreeMap<>())
              .merge(c.currency(), c.amount(), Double::sum);
        }
      }
    }
    for (DayCount c : queries.activePeopleByDay(p)) {
      day(byDay, c.epochDay())[1] = c.count();
    }
    long newUsers = 0;
    for (DayCount c : queries.newPeopleByDay(p)) {
      day(byDay, c.epochDay())[2] = c.count();
      newUsers += c.count();
    }
    for (DayCount c : queries.sessionsByDay(p)) {
      day(byDay, c.epochDay())[3] = c.count();
    }
    List<Insights.Day> daily = new ArrayList<>();
    for (LocalDate date : period.days()) {
      long[] d = byDay.getOrDefault(date.toEpochDay(), new long[5]);
      daily.add(
          new Insights.Day(
              date,
              d[0],
              d[1],
              d[2],
              Math.max(0, d[1] - d[2]),
              d[3],
              d[4],
              rounded(revenueByDay.getOrDefault(date.toEpochDay(), Map.of()))));
    }
    Funnel people = queries.personFunnel(p);
    Funnel sessions = queries.sessionFunnel(p);
    Insights.Totals totals =
        new Insights.Totals(
            byType.values().stream().mapToLong(Long::longValue).sum(),
            people.total(),
            newUsers,
            Math.max(0, people.total() - newUsers),
            sessions.total(),
            byType.getOrDefault("purchase", 0L),
            rounded(revenue),
            ratio(sessions.converted(), sessions.total()),
            ratio(people.converted(), people.total()),
            byType);
    return new Insights(
        period.from(),
        period.to(),
        period.zone().getId(),
        totals,
        daily,
        new Insights.Funnels(steps(people), steps(sessions)),
        queries.topPages(p, limit).stream()
            .map(r -> new Insights.Page(r.key(), r.label(), r.count()))
            .toList(),
        queries.topProducts(p, limit).stream()
            .map(r -> new Insights.Product(r.key(), r.label(), r.count(), r.secondary()))
            .toList(),
        queries.topSearches(p, limit).stream()
            .map(r -> new Insights.Search(r.key(), r.count()))
            .toList(),
        queries.mostActiveUsers(p, limit).stream()
            .map(r -> new Insights.ActiveUser(r.key(), r.count(), r.secondary()))
            .toList());
  }

  /** The daily business report of one UTC day. */
  DailyReport dailyReport(LocalDate date) {
    java.time.Instant from = date.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    Insights i =
        insights(
            new InsightsPeriod(
                from, from.plus(java.time.Duration.ofDays(1)), java.time.ZoneOffset.UTC),
            1);
    Insights.Totals t = i.totals();
    List<Insights.Step> perSession = i.funnel().perSession();
    return new DailyReport(
        date,
        t.events(),
        t.users(),
        t.newUsers(),
        t.returningUsers(),
        t.sessions(),
        t.orders(),
        t.revenue(),
        t.conversionRate(),
        t.userConversionRate(),
        perSession.get(0).count(),
        perSession.get(1).count(),
        perSession.get(2).count(),
        perSession.get(3).count(),
        t.eventsByType());
  }

  private static long[] day(Map<Long, long[]> byDay, long epochDay) {
    return byDay.computeIfAbsent(epochDay, k -> new long[5]);
  }

  static List<Insights.Step> steps(Funnel f) {
    long[] counts = {f.viewed(), f.carted(), f.checkedOut(), f.purchased()};
    List<Insights.Step> out = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      out.add(
          new Insights.Step(
              FUNNEL_STEPS.get(i),
              counts[i],
              i == 0 ? null : ratio(counts[i], counts[i - 1]),
              i == 0 ? null : ratio(counts[i], counts[0])));
    }
    return out;
  }

  /** A share rounded to four decimals, or null when the base is zero. */
  static Double ratio(long part, long whole) {
    return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
  }

  /** Money rounded to cents: sums of doubles pick up binary noise (0.1 + 0.2). */
  private static Map<String, Double> rounded(Map<String, Double> money) {
    Map<String, Double> out = new TreeMap<>();
    money.forEach((c, v) -> out.put(c, Math.round(v * 100) / 100.0));
    return out;
  }
}
