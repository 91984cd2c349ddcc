package io.waymark.admin;

import org.springframework.security.core.Authentication;

/** Who made a request: the name recorded for it (username or {@code key:<name>}), and its role. */
public final class Actors {

  private Actors() {}

  public static String name(Authentication who) {
    if (who == null) {
      return "unknown";
    }
    // A web app session's principal is the account record, whose toString is not a name.
    if (who.getPrincipal() instanceof AccountPrincipal a) {
      return a.username();
    }
    return who.getPrincipal() instanceof ApiKeyPrincipal k ? "key:" + k.name() : who.getName();
  }

  /** Whether the caller acts as an admin (account or key). */
  public static boolean isAdmin(Authentication who) {
    return who != null
        && who.getAuthorities().stream()
            .anyMatch(a -> Role.ADMIN.authority().equals(a.getAuthority()));
  }
}
