package io.waymark.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Insights over DuckDB. Plain SQL (no window functions, one JOIN per query) on epoch-millisecond
 * buckets, so a ClickHouse implementation can run the same shapes.
 */
final class DuckDbInsights implements InsightsQueries {

  private static final String IN_PERIOD = " WHERE bucket >= ? AND bucket < ?";
  private static final String PERSON =
      "coalesce(l.user_id, r.user_key)"; // with identity_links l ON l.anonymous_id = r.user_key

  private final DuckDbStore store;

  DuckDbInsights(DuckDbStore store) {
    this.store = store;
  }

  /**
   * The local epoch day of a millisecond column: its UTC offset picked by a CASE over the period's
   * offsets (one per daylight-saving segment), then whole days.
   */
  private static String day(String millis, Period p) {
    StringBuilder offset = new StringBuilder();
    if (p.offsets().size() == 1) {
      offset.append("?::BIGINT");
    } else {
      offset.append("CASE");
      for (int i = 1; i < p.offsets().size(); i++) {
        offset.append(" WHEN ").append(millis).append(" < ?::BIGINT THEN ?::BIGINT");
      }
      offset.append(" ELSE ?::BIGINT END");
    }
    return "CAST(floor((" + millis + " + " + offset + ") / 86400000.0) AS BIGINT)";
  }

  /** Binds the parameters of {@link #day}, then the period bounds; returns the next index. */
  private static int bindDayAndPeriod(PreparedStatement ps, Period p, int i) throws SQLException {
    List<Offset> o = p.offsets();
    if (o.size() == 1) {
      ps.setLong(i++, o.get(0).offsetMillis());
    } else {
      for (int k = 1; k < o.size(); k++) {
        ps.setLong(i++, o.get(k).fromMillis());
        ps.setLong(i++, o.get(k - 1).offsetMillis());
      }
      ps.setLong(i++, o.get(o.size() - 1).offsetMillis());
    }
    ps.setLong(i++, p.fromMillis());
    ps.setLong(i++, p.toMillis());
    return i;
  }

  private static int bindPeriod(PreparedStatement ps, Period p, int i) throws SQLException {
    ps.setLong(i++, p.fromMillis());
    ps.setLong(i++, p.toMillis());
    return i;
  }

  @Override
  public List<DayTypeCount> eventsByDay(Period p) {
    return store.query(
        "SELECT "
            + day("bucket", p)
            + " AS d, type, currency, sum(events), sum(amount) FROM insight_event_counts"
            + IN_PERIOD
            + " GROUP BY d, type, currency ORDER BY d, type, currency",
        ps -> bindDayAndPeriod(ps, p, 1),
        rs -> {
          List<DayTypeCount> out = new ArrayList<>();
          while (rs.next()) {
            out.add(
                new DayTypeCount(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getLong(4),
                    rs.getDouble(5)));
          }
          return out;
        });
  }

  @Override
  public List<Ranked> topPages(Period p, int limit) {
    return ranked(
        "SELECT page, max(page_name), sum(views) AS n, 0 FROM insight_pages"
            + IN_PERIOD
            + " GROUP BY page ORDER BY n DESC, page LIMIT ?",
        p,
        limit);
  }

  @Override
  public List<Ranked> topProducts(Period p, int limit) {
    return ranked(
        "SELECT t.product_id, c.name, t.n, t.carts FROM (SELECT product_id, sum(views) AS n,"
            + " sum(cart_adds) AS carts FROM insight_products"
            + IN_PERIOD
            + " GROUP BY product_id ORDER BY n DESC, carts DESC, product_id LIMIT ?) t"
            + " LEFT JOIN catalogue_items c ON c.product_id = t.product_id"
            + " ORDER BY t.n DESC, t.carts DESC, t.product_id",
        p,
        limit);
  }

  @Override
  public List<Ranked> topSearches(Period p, int limit) {
    return ranked(
        "SELECT query, NULL, sum(searches) AS n, 0 FROM insight_searches"
            + IN_PERIOD
            + " GROUP BY query ORDER BY n DESC, query LIMIT ?",
        p,
        limit);
  }

  @Override
  public List<Ranked> mostActiveUsers(Period p, int limit) {
    return ranked(
        "SELECT "
            + PERSON
            + " AS person, NULL, sum(r.events) AS n, sum(r.purchases) FROM insight_users r"
            + " LEFT JOIN identity_links l ON l.anonymous_id = r.user_key"
            + " WHERE r.bucket >= ? AND r.bucket < ? GROUP BY person ORDER BY n DESC, person LIMIT ?",
        p,
        limit);
  }

  private List<Ranked> ranked(String sql, Period p, int limit) {
    return store.query(
        sql,
        ps -> ps.setInt(bindPeriod(ps, p, 1), limit),
        rs -> {
          List<Ranked> out = new ArrayList<>();
          while (rs.next()) {
            out.add(new Ranked(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
          }
          return out;
        });
  }

  @Override
  public Funnel personFunnel(Period p) {
    return store.query(
        "SELECT count(*), sum(CASE WHEN v > 0 THEN 1 ELSE 0 END),"
            + " sum(CASE WHEN v > 0 AND c > 0 THEN 1 ELSE 0 END),"
            + " sum(CASE WHEN v > 0 AND c > 0 AND k > 0 THEN 1 ELSE 0 END),"
            + " sum(CASE WHEN v > 0 AND c > 0 AND k > 0 AND b > 0 THEN 1 ELSE 0 END),"
            + " sum(CASE WHEN b > 0 THEN 1 ELSE 0 END)"
            + " FROM (SELECT "
            + PERSON
            + " AS person, sum(r.product_views) AS v, sum(r.cart_adds) AS c,"
            + " sum(r.checkouts) AS k, sum(r.purchases) AS b FROM insight_users r"
            + " LEFT JOIN identity_links l ON l.anonymous_id = r.user_key"
            + " WHERE r.bucket >= ? AND r.bucket < ? GROUP BY person) people",
        ps -> bindPeriod(ps, p, 1),
        DuckDbInsights::funnel);
  }

  @Override
  public Funnel sessionFunnel(Period p) {
    return store.query(
        "SELECT count(*), sum(CASE WHEN product_views > 0 THEN 1 ELSE 0 END),"
            + " sum(CASE WHEN product_views > 0 AND cart_adds > 0 THEN 1 ELSE 0 END),"
            + " sum(CASE WHEN product_views > 0 AND cart_adds > 0 AND checkouts > 0 THEN 1 ELSE 0 END),"
            + " sum(CASE WHEN product_views > 0 AND cart_adds > 0 AND checkouts > 0"
            + " AND purchases > 0 THEN 1 ELSE 0 END), sum(CASE WHEN purchases > 0 THEN 1 ELSE 0 END)"
            + " FROM sessions WHERE start_ts >= epoch_ms(?::BIGINT) AND start_ts < epoch_ms(?::BIGINT)",
        ps -> bindPeriod(ps, p, 1),
        DuckDbInsights::funnel);
  }

  private static Funnel funnel(ResultSet rs) throws SQLException {
    rs.next();
    return new Funnel(
        rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
  }

  @Override
  public List<DayCount> activePeopleByDay(Period p) {
    return days(
        "SELECT d, count(DISTINCT person) FROM (SELECT "
            + day("r.bucket", p)
            + " AS d, "
            + PERSON
            + " AS person FROM insight_users r"
            + " LEFT JOIN identity_links l ON l.anonymous_id = r.user_key"
            + " WHERE r.bucket >= ? AND r.bucket < ?) a GROUP BY d ORDER BY d",
        p);
  }

  @Override
  public List<DayCount> newPeopleByDay(Period p) {
    return days(
        "SELECT "
            + day("first_ms", p)
            + " AS d, count(*) FROM (SELECT coalesce(l.user_id, r.user_key) AS person,"
            + " min(epoch_ms(r.first_seen)) AS first_ms FROM users r"
            + " LEFT JOIN identity_links l ON l.anonymous_id = r.user_key GROUP BY person) f"
            + " WHERE first_ms >= ? AND first_ms < ? GROUP BY d ORDER BY d",
        p);
  }

  @Override
  public List<DayCount> sessionsByDay(Period p) {
    return days(
        "SELECT "
            + day("start_ms", p)
            + " AS d, count(*) FROM (SELECT epoch_ms(start_ts) AS start_ms FROM sessions"
            + " WHERE start_ts >= epoch_ms(?::BIGINT) AND start_ts < epoch_ms(?::BIGINT)) s"
            + " GROUP BY d ORDER BY d",
        p);
  }

  private List<DayCount> days(String sql, Period p) {
    return store.query(
        sql,
        ps -> bindDayAndPeriod(ps, p, 1),
        rs -> {
          List<DayCount> out = new ArrayList<>();
          while (rs.next()) {
            out.add(new DayCount(rs.getLong(1), rs.getLong(2)));
          }
          return out;
        });
  }
}
