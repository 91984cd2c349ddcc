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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * API keys: created with a scope, stored only as a SHA-256 hash, checked on every request through a
 * short-lived in-memory cache so the collector's hot path does not touch the database. Each key
 * carries the browser origins allowed to send events with it.
 */
public class ApiKeys {

  private static final long ORIGINS_TTL_NANOS = 30_000_000_000L;

  /**
   * No key Waymark issues or accepts from the environment is this long; a longer one is refused
   * without a lookup, and the refused side of the cache holds only short strings.
   */
  static final int MAX_SECRET_CHARS = 200;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final Clock clock;
  private final KeyCache cache;
  private final LongSupplier ticker;
  private final TransactionOperations tx;
  private final LongAdder lookups = new LongAdder();
  private volatile AllOrigins allOrigins;

  private record AllOrigins(Set<String> origins, long expiresAtNanos) {}

  /** A key as issued: the secret is shown once and never stored. */
  public record IssuedKey(ApiKeyPrincipal key, String secret) {}

  public ApiKeys(JdbcClient jdbc, Clock clock, TransactionOperations tx) {
    this(jdbc, clock, tx, KeyCache.Limits.DEFAULT, System::nanoTime);
  }

  ApiKeys(
      JdbcClient jdbc,
      Clock clock,
      TransactionOperations tx,
      KeyCache.Limits cacheLimits,
      LongSupplier ticker) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.tx = tx;
    this.ticker = ticker;
    this.cache = new KeyCache(cacheLimits, ticker);
  }

  /**
   * The key with this secret. Answered from the cache when it can be; otherwise one database
   * lookup, so call {@link #cached} first on a thread that must not block.
   */
  public Optional<ApiKeyPrincipal> authenticate(String secret) {
    Optional<ApiKeyPrincipal> hit = cache.get(secret);
    if (hit != null) {
      return hit;
    }
    if (secret.isEmpty() || secret.length() > MAX_SECRET_CHARS) {
      return Optional.empty();
    }
    lookups.increment();
    Optional<ApiKeyPrincipal> found = lookup(hash(secret));
    cache.put(secret, found);
    return found;
  }

  /**
   * The answer {@link #authenticate} would give without touching the database, or null when it
   * needs a lookup.
   */
  public Optional<ApiKeyPrincipal> cached(String secret) {
    Optional<ApiKeyPrincipal> hit = cache.get(secret);
    if (hit != null) {
      return hit;
    }
    return secret.isEmpty() || secret.length() > MAX_SECRET_CHARS ? Optional.empty() : null;
  }

  /** Database lookups of secrets since start: what a flood of bad keys costs (a metric). */
  public long lookups() {
    return lookups.sum();
  }

  public IssuedKey create(String name, Role role, Double rateLimit) {
    String secret = "wm_" + role.name().toLowerCase() + "_" + randomHex(16);
    return new IssuedKey(insert(name, role, secret, rateLimit), secret);
  }

  /** The key with this secret, without caching (for setup). */
  Optional<ApiKeyPrincipal> findBySecret(String secret) {
    return lookup(hash(secret));
  }

  /** A key that is not revoked, by id. */
  public Optional<ApiKeyPrincipal> find(String id) {
    return list("id = ?", id).stream().findFirst();
  }

  /** Every key that is not revoked, oldest first, with its origins. */
  public List<ApiKeyPrincipal> active() {
    return list("TRUE");
  }

  /** The ids of the keys (not revoked) with this name. */
  List<String> idsNamed(String name) {
    return jdbc.sql(
            "SELECT id FROM api_keys WHERE name = ? AND revoked_at IS NULL ORDER BY created_at")
        .param(name)
        .query(String.class)
        .list();
  }

  /** Revokes every key with this name (e.g. the demo key of an earlier start). */
  public void revokeNamed(String name) {
    jdbc.sql("UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL")
        .params(Timestamp.from(clock.instant()), name)
        .update();
    changed();
  }

  /**
   * Replaces the key's allowed origins with {@code origins} (checked and normalised by {@link
   * Origins}); empty when there is no such key.
   */
  public Optional<ApiKeyPrincipal> setOrigins(String id, List<String> origins) {
    if (find(id).isEmpty()) {
      return Optional.empty();
    }
    List<String> normalised = Origins.normalise(origins);
    tx.executeWithoutResult(
        s -> {
          jdbc.sql("DELETE FROM api_key_origins WHERE key_id = ?").param(id).update();
          for (String o : normalised) {
            jdbc.sql("INSERT INTO api_key_origins (key_id, origin) VALUES (?, ?)")
                .params(id, o)
                .update();
          }
        });
    changed();
    return find(id);
  }

  /**
   * Sets the key's own rate limit (events per second) and bucket size (events; null derives it from
   * the rate), or with both null returns it to the collector's default. It applies at once on this
   * instance and within the key cache's 30 seconds on others. Empty when there is no such key.
   */
  public Optional<ApiKeyPrincipal> setRateLimit(String id, Double perSecond, Double burst) {
    int updated =
        jdbc.sql(
                "UPDATE api_keys SET rate_limit_per_second = ?, rate_limit_burst = ? WHERE id = ?"
                    + " AND revoked_at IS NULL")
            .params(perSecond, burst, id)
            .update();
    changed();
    return updated == 0 ? Optional.empty() : find(id);
  }

  /**
   * Whether any key allows this origin: the answer to a CORS preflight that does not say which key
   * it is for.
   */
  public boolean anyKeyAllows(String origin) {
    long now = ticker.getAsLong();
    AllOrigins all = allOrigins;
    if (all == null || all.expiresAtNanos - now <= 0) {
      Set<String> origins =
          Set.copyOf(
              jdbc.sql(
                      "SELECT DISTINCT o.origin FROM api_key_origins o JOIN api_keys k ON k.id ="
                          + " o.key_id WHERE k.revoked_at IS NULL")
                  .query(String.class)
                  .list());
      all = new AllOrigins(origins, now + ORIGINS_TTL_NANOS);
      allOrigins = all;
    }
    return all.origins.contains(Origins.normalise(origin));
  }

  private void changed() {
    cache.clear();
    allOrigins = null;
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
    changed();
    return new ApiKeyPrincipal(id, name, prefix, role, rateLimit, Set.of());
  }

  private Optional<ApiKeyPrincipal> lookup(String hash) {
    return list("secret_hash = ?", hash).stream().findFirst();
  }

  private List<ApiKeyPrincipal> list(String where, Object... params) {
    List<ApiKeyPrincipal> keys =
        jdbc.sql(
                "SELECT id, name, key_prefix, scope, rate_limit_per_second, rate_limit_burst"
                    + " FROM api_keys WHERE "
                    + where
                    + " AND revoked_at IS NULL ORDER BY created_at, id")
            .params(params)
            .query(
                (rs, n) ->
                    new ApiKeyPrincipal(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        Role.valueOf(rs.getString(4)),
                        rs.getObject(5) == null ? null : rs.getDouble(5),
                        rs.getObject(6) == null ? null : rs.getDouble(6),
                        Set.of()))
            .list();
    return keys.stream().map(this::withOrigins).toList();
  }

  private ApiKeyPrincipal withOrigins(ApiKeyPrincipal k) {
    List<String> origins =
        jdbc.sql("SELECT origin FROM api_key_origins WHERE key_id = ? ORDER BY origin")
            .param(k.id())
            .query(String.class)
            .list();
    return new ApiKeyPrincipal(
        k.id(),
        k.name(),
        k.prefix(),
        k.role(),
        k.rateLimit(),
        k.rateLimitBurst(),
        Set.copyOf(origins));
  }

  /** A key as listed: never the secret, only its first characters. */
  public record Listed(
      String id,
      String name,
      Role scope,
      String prefix,
      Double rateLimitPerSecond,
      Double rateLimitBurst,
      Instant createdAt,
      Instant revokedAt,
      List<String> origins) {}

  private static final String LISTED =
      "SELECT id, name, scope, key_prefix, rate_limit_per_second, created_at, revoked_at,"
          + " rate_limit_burst FROM api_keys";

  /** Every key, newest first, revoked ones included (they say when). */
  public List<Listed> list() {
    return jdbc.sql(LISTED + " ORDER BY created_at DESC, id").query(ApiKeys::listed).list().stream()
        .map(this::withOrigins)
        .toList();
  }

  public Optional<Listed> byId(String id) {
    return jdbc.sql(LISTED + " WHERE id = ?")
        .param(id)
        .query(ApiKeys::listed)
        .optional()
        .map(this::withOrigins);
  }

  private Listed withOrigins(Listed k) {
    List<String> origins =
        jdbc.sql("SELECT origin FROM api_key_origins WHERE key_id = ? ORDER BY origin")
            .param(k.id())
            .query(String.class)
            .list();
    return new Listed(
        k.id(),
        k.name(),
        k.scope(),
        k.prefix(),
        k.rateLimitPerSecond(),
        k.rateLimitBurst(),
        k.createdAt(),
        k.revokedAt(),
        origins);
  }

  private static Listed listed(ResultSet rs, int n) throws SQLException {
    Timestamp revoked = rs.getTimestamp(7);
    return new Listed(
        rs.getString(1),
        rs.getString(2),
        Role.valueOf(rs.getString(3)),
        rs.getString(4),
        rs.getObject(5) == null ? null : rs.getDouble(5),
        rs.getObject(8) == null ? null : rs.getDouble(8),
        rs.getTimestamp(6).toInstant(),
        revoked == null ? null : revoked.toInstant(),
        List.of());
  }

  /**
   * Revokes a key at once on this instance (the cache is dropped); other instances stop accepting
   * it within the cache's 30 seconds. Revoking twice keeps the first time.
   */
  public void revoke(String id) {
    jdbc.sql("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
        .params(Timestamp.from(clock.instant()), id)
        .update();
    changed();
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
