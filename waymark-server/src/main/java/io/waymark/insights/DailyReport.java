package io.waymark.insights;

import java.time.LocalDate;
import java.util.Map;

/**
 * The daily business report of one UTC day: the Insights KPIs for that day (activity, people,
 * sessions, orders, revenue per currency, conversion, funnel per session), as exports write it.
 */
public record DailyReport(
    LocalDate date,
    long events,
    long users,
    long newUsers,
    long returningUsers,
    long sessions,
    long orders,
    Map<String, Double> revenue,
    Double conversionRate,
    Double userConversionRate,
    long productViewSessions,
    long cartSessions,
    long checkoutSessions,
    long purchaseSessions,
    Map<String, Long> eventsByType) {

  /** Reads the report of a UTC day from the Insights KPIs. */
  public interface Source {
    DailyReport day(LocalDate date);
  }
}
