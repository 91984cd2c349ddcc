package io.waymark.admin;

import java.util.Set;

/**
 * An authenticated API key: its id and name (never the secret), its role, its own rate limit in
 * events per second and bucket size in events when it has them (null: the collector's default), and
 * the browser origins allowed to send events with it.
 */
public record ApiKeyPrincipal(
    String id,
    String name,
    String prefix,
    Role role,
    Double rateLimit,
    Double rateLimitBurst,
    Set<String> origins) {

  /** A key without its own bucket size. */
  public ApiKeyPrincipal(
      String id, String name, String prefix, Role role, Double rateLimit, Set<String> origins) {
    this(id, name, prefix, role, rateLimit, null, origins);
  }
}
