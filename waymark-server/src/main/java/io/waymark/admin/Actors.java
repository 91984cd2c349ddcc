package io.waymark.admin;

import org.springframework.security.core.Authentication;

/** The name recorded for whoever made a request: an account's username or {@code key:<name>}. */
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
}
