package io.waymark.store;

/**
 * The analytical store's tables that hold data about people, and how a row belongs to one of a
 * person's identities (user id or linked anonymous ids).
 */
public enum PersonalTable {
  EVENTS("events", "user_key IN (%1$s) OR user_id IN (%1$s) OR anonymous_id IN (%1$s)"),
  USERS("users", "user_key IN (%1$s) OR user_id IN (%1$s) OR anonymous_id IN (%1$s)"),
  SESSIONS("sessions", "user_key IN (%1$s)"),
  // A refused payload names its user only in its text when it could not be parsed.
  QUARANTINE("quarantine", "user_key IN (%1$s) OR %2$s"),
  IDENTITY_LINKS("identity_links", "anonymous_id IN (%1$s) OR user_id IN (%1$s)");

  private final String table;
  private final String predicate;

  PersonalTable(String table, String predicate) {
    this.table = table;
    this.predicate = predicate;
  }

  public String table() {
    return table;
  }

  /**
   * The WHERE clause for {@code n} identities bound as parameters (each identity n or 2n times).
   */
  String where(int n) {
    String marks = String.join(", ", java.util.Collections.nCopies(n, "?"));
    String mentions =
        String.join(
            " OR ", java.util.Collections.nCopies(n, "contains(payload, '\"' || ? || '\"')"));
    return predicate.formatted(marks, mentions);
  }

  /** How many times the identities are bound, in order, for {@link #where}. */
  int bindings() {
    return switch (this) {
      case EVENTS, USERS -> 3;
      case QUARANTINE, IDENTITY_LINKS -> 2;
      case SESSIONS -> 1;
    };
  }
}
