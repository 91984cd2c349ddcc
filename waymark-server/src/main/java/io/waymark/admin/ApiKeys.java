package io.waymark.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API keys: created with a scope, stored only as a SHA-256 hash, checked on every request through a
 * short-lived in-memory cache so the collector's hot path does not touch the database.
 */
public class ApiKeys {

  private static final long POSITIVE_TTL_NANOS = 30_000_000_000L;
  private static final long NEGATIVE_TTL_NANOS = 5_000_000_000L;
  private static final int MAX_CACHED = 10_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final Clock clock;
  private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(Optional<ApiKeyPrincipal> principal, long expiresAtNanos) {}

  /** A key as issued: the secret is shown once and never stored. */
  public record IssuedKey(ApiKeyPrincipal key, String secret) {}

  public ApiKeys(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Optional<ApiKeyPrincipal> authenticate(String secret) {
    long now = System.nanoTime();
    Cached hit = cache.get(secret);
    if (hit != null && hit.expiresAtNanos - now > 0) {
      return hit.principal;
    }
    Optional<ApiKeyPrincipal> found = lookup(hash(secret));
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    cache.put(
        secret,
        new Cached(found, now + (found.isPresent() ? POSITIVE_TTL_NANOS : NEGATIVE_TTL_NANOS)));
    return found;
  }

  public IssuedKey create(String name, Role role, Double rateLimit) {
    String secret = "wm_" + role.name().toLowerCase() + "_" + randomHex(16);
    return new IssuedKey(insert(name, role, secret, rateLimit), secret);
  }

  /** Registers a key whose secret was chosen by the operator; does nothing if it exists. */
  public void ensure(String secret, String name, Role role) {
    if (lookup(hash(secret)).isEmpty()) {
      insert(name, role, secret, null);
    }
  }

  private ApiKeyPrincipal insert(String name, Role role, String secret, Double rateLimit) {
    String id = UUID.randomUUID().toString();
    String prefix = secret.substring(0, Math.min(secret.length(), 14));
    jdbc.sql(
            "INSERT INTO api_keys (id, name, scope, key_prefix, secret_hash,"
                + " rate_limit_per_second, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            id, name, role.name(), prefix, hash(secret), rateLimit, Timestamp.from(clock.instant()))
        .update();
    cache.clear();
    return new ApiKeyPrincipal(id, name, prefix, role, rateLimit);
  }

  private Optional<ApiKeyPrincipal> lookup(String hash) {
    return jdbc.sql(
            "SELECT id, name, key_prefix, scope, rate_limit_per_second FROM api_keys"
                + " WHERE secret_hash = ? AND revoked_at IS NULL")
        .param(hash)
        .query(
            (rs, n) ->
                new ApiKeyPrincipal(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    Role.valueOf(rs.getString(4)),
                    rs.getObject(5) == null ? null : rs.getDouble(5)))
        .optional();
  }

  static String hash(String secret) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
