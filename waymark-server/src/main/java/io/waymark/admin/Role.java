package io.waymark.admin;

import java.util.Locale;
import java.util.Optional;

/** What an account or key may do. Ingest keys only write events. */
public enum Role {
  VIEWER,
  ANALYST,
  ADMIN,
  INGEST;

  /** The Spring Security authority for this role. */
  public String authority() {
    return "ROLE_" + name();
  }

  /** The role as the API writes it: lower case ({@code viewer}). */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named in an API request, in any case; empty when there is none by that name. */
  public static Optional<Role> parse(String name) {
    for (Role r : values()) {
      if (r.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
