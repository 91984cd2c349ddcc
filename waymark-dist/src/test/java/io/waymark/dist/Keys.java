package io.waymark.dist;

/** First-start credentials given to every Waymark a deployment test starts. */
final class Keys {

  static final String INGEST = "wm_ingest_dist0000000000000000000000000001";
  static final String ADMIN = "wm_admin_dist00000000000000000000000000001";
  static final String PASSWORD = "dist-test-admin-password";

  private Keys() {}
}
