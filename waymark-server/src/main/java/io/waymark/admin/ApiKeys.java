package io.waymark.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
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

  /** A key as listed: never the secret, only its first characters. */
  public record Listed(
      String id,
      String name,
      Role scope,
      String prefix,
      Double rateLimitPerSecond,
      Instant createdAt,
      Instant revokedAt) {}

  private static final String LISTED =
      "SELECT id, name, scope, key_prefix, rate_limit_per_second, created_at, revoked_at"
          + " FROM api_keys";

  /** Every key, newest first, revoked ones included (they say when). */
  public List<Listed> list() {
    return jdbc.sql(LISTED + " ORDER BY created_at DESC, id").query(ApiKeys::listed).list();
  }

  public Optional<Listed> byId(String id) {
    return jdbc.sql(LISTED + " WHERE id = ?").param(id).query(ApiKeys::listed).optional();
  }

  private static Listed listed(ResultSet rs, int n) throws SQLException {
    Timestamp revoked = rs.getTimestamp(7);
    return new Listed(
        rs.getString(1),
        rs.getString(2),
        Role.valueOf(rs.getString(3)),
        rs.getString(4),
        rs.getObject(5) == null ? null : rs.getDouble(5),
        rs.getTimestamp(6).toInstant(),
        revoked == null ? null : revoked.toInstant());
  }

  /**
   * Revokes a key at once on this instance (the cache is dropped); other instances stop accepting
   * it within the cache's 30 seconds. Revoking twice keeps the first time.
   */
  public void revoke(String id) {
    jdbc.sql("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
        .params(Timestamp.from(clock.instant()), id)
        .update();
    cache.clear();
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
