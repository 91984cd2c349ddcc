package io.waymark.admin;

/**
 * An authenticated API key: its id and name (never the secret), its role, and its own rate limit in
 * events per second when it has one (null: the collector's default).
 */
public record ApiKeyPrincipal(String id, String name, String prefix, Role role, Double rateLimit) {}
