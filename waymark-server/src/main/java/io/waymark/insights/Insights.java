package io.waymark.insights;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The KPIs of one period in one time zone, as the API answers them. */
record Insights(
    Instant from,
    Instant to,
    String timeZone,
    Totals totals,
    List<Day> daily,
    Funnels funnel,
    List<Page> topPages,
    List<Product> topProducts,
    List<Search> topSearches,
    List<ActiveUser> mostActiveUsers) {

  /**
   * Period totals. {@code users}: distinct people (a user id with its linked anonymous ids); {@code
   * newUsers}: people whose first event ever is in the period; {@code returningUsers}: the rest of
   * {@code users}; {@code sessions}: closed sessions started in the period; {@code conversionRate}:
   * share of those sessions with a purchase; {@code userConversionRate}: share of the users with a
   * purchase (both null when there is no base).
   */
  record Totals(
      long events,
      long users,
      long newUsers,
      long returningUsers,
      long sessions,
      long orders,
      Map<String, Double> revenue,
      Double conversionRate,
      Double userConversionRate,
      Map<String, Long> eventsByType) {}

  /** One local day of the period (the daily business report's row). */
  record Day(
      LocalDate date,
      long events,
      long users,
      long newUsers,
      long returningUsers,
      long sessions,
      long orders,
      Map<String, Double> revenue) {}

  /** The funnel counted per person over the period and per closed session. */
  record Funnels(List<Step> perUser, List<Step> perSession) {}

  /**
   * A funnel step: how many reached it (and every step before), the share of the previous step and
   * of the first step (null when the base is zero).
   */
  record Step(String step, long count, Double conversionFromPrevious, Double conversionFromFirst) {}

  record Page(String page, String pageName, long views) {}

  record Product(String productId, String name, long views, long cartAdds) {}

  record Search(String query, long searches) {}

  record ActiveUser(String userKey, long events, long purchases) {}
}
