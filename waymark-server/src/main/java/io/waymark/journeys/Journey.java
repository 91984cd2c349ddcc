package io.waymark.journeys;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A user's sessions in a period, as the journey endpoint returns them. */
public record Journey(
    String userKey,
    Instant from,
    Instant to,
    int sessionCount,
    boolean truncated,
    List<Session> sessions) {

  /** One session: when, how long, and what the user did in it. */
  public record Session(
      Instant start,
      Instant end,
      long durationSeconds,
      int eventCount,
      String entryPage,
      String exitPage,
      List<PageVisit> pages,
      List<ProductVisit> products,
      List<Search> searches,
      List<CartChange> cartChanges,
      int checkouts,
      int purchases,
      Map<String, Double> revenue,
      List<String> clientSessionIds) {}

  /** A page (or product page) seen, and the time spent on it (see docs/api.md for the rule). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PageVisit(
      Instant at, String url, String name, String productId, long timeSpentSeconds) {}

  /** A product viewed. */
  public record ProductVisit(Instant at, String productId) {}

  /** A search made. */
  public record Search(Instant at, String query) {}

  /** A product added to or removed from the cart. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CartChange(Instant at, String type, String productId) {}
}
