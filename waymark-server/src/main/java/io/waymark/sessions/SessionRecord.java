package io.waymark.sessions;

import java.util.UUID;

/**
 * A closed session as emitted to the {@code sessions} topic and stored. {@code mergedInto} is set
 * (and the figures are empty) when a late event joined this session to another one: the stored row
 * is then removed.
 */
public record SessionRecord(
    UUID id,
    String userKey,
    long start,
    long end,
    int eventCount,
    int pageViews,
    int productViews,
    int cartAdds,
    int checkouts,
    int purchases,
    double revenue,
    String currency,
    String entryPage,
    String exitPage,
    UUID mergedInto) {

  static SessionRecord of(String userKey, SessionState s) {
    return new SessionRecord(
        s.id,
        userKey,
        s.start,
        s.end,
        s.events,
        s.pageViews,
        s.productViews,
        s.cartAdds,
        s.checkouts,
        s.purchases,
        s.revenue,
        s.currency,
        s.entryPage,
        s.exitPage,
        null);
  }

  static SessionRecord merged(String userKey, UUID id, UUID into) {
    return new SessionRecord(id, userKey, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, into);
  }

  public long durationSeconds() {
    return (end - start) / 1000;
  }
}
