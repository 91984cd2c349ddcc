package io.waymark.admin;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The API keys' in-memory cache: valid keys and refused secrets are kept in two maps, each with its
 * own bound and time to live, so a flood of distinct bad keys can fill only the refused side and
 * never push a good key out (decision 44). Time is a monotonic ticker in nanoseconds, injected.
 */
final class KeyCache {

  /** How many entries each side holds and for how long. */
  record Limits(int maxKeys, long keyTtlNanos, int maxRefused, long refusedTtlNanos) {

    /** 30 s for valid keys (a revocation reaches other instances within it), 5 s for bad ones. */
    static final Limits DEFAULT = new Limits(10_000, 30_000_000_000L, 20_000, 5_000_000_000L);
  }

  private record Valid(ApiKeyPrincipal key, long expiresAtNanos) {}

  private final Limits limits;
  private final LongSupplier ticker;
  private final ConcurrentHashMap<String, Valid> valid = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Long> refused = new ConcurrentHashMap<>();

  KeyCache(Limits limits, LongSupplier ticker) {
    this.limits = limits;
    this.ticker = ticker;
  }

  /**
   * The cached answer for {@code secret}: the key, empty when the secret was refused within the
   * refused side's time to live, or null when it is not cached (look it up).
   */
  Optional<ApiKeyPrincipal> get(String secret) {
    long now = ticker.getAsLong();
    Valid v = valid.get(secret);
    if (v != null && v.expiresAtNanos - now > 0) {
      return Optional.of(v.key);
    }
    Long until = refused.get(secret);
    if (until != null && until - now > 0) {
      return Optional.empty();
    }
    return null;
  }

  /** Remembers what a lookup found. */
  void put(String secret, Optional<ApiKeyPrincipal> found) {
    long now = ticker.getAsLong();
    if (found.isPresent()) {
      refused.remove(secret);
      if (valid.size() >= limits.maxKeys()) {
        // Only secrets of real keys get here, so this is a reload of live keys, not an attack.
        valid.values().removeIf(e -> e.expiresAtNanos - now <= 0);
        if (valid.size() >= limits.maxKeys()) {
          valid.clear();
        }
      }
      valid.put(secret, new Valid(found.get(), now + limits.keyTtlNanos()));
      return;
    }
    if (refused.size() >= limits.maxRefused()) {
      refused.values().removeIf(until -> until - now <= 0);
      if (refused.size() >= limits.maxRefused()) {
        refused.clear(); // bounded memory; good keys live in the other map and stay
      }
    }
    refused.put(secret, now + limits.refusedTtlNanos());
  }

  /** Forgets everything (a key was created, changed or revoked on this instance). */
  void clear() {
    valid.clear();
    refused.clear();
  }

  int validSize() {
    return valid.size();
  }

  int refusedSize() {
    return refused.size();
  }
}
