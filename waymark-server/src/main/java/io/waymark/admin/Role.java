package io.waymark.admin;

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
}
