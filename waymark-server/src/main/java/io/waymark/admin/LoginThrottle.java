package io.waymark.admin;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing at the login and at HTTP Basic: failed attempts are counted per
 * (account, client address), per address and per account, each with exponential backoff once its
 * free attempts are used up (see {@link LoginThrottleSettings}). A check happens before the
 * password is hashed, so a locked-out guess costs almost nothing; while locked even the right
 * password is refused. Unknown usernames are counted like real ones, so the answers do not tell
 * which accounts exist. Memory is bounded: each table keeps its most recently used entries only.
 */
public final class LoginThrottle {

  /** Why an attempt is refused and how long to wait, in whole seconds (at least 1). */
  public record Refusal(long retryAfterSeconds, String reason) {}

  private static final int MAX_NAME = 128;

  private final LoginThrottleSettings settings;
  private final Clock clock;
  private final Map<String, Counter> pairs;
  private final Map<String, Counter> addresses;
  private final Map<String, Counter> accounts;
  private final Map<String, Long> knownGood;

  public LoginThrottle(LoginThrottleSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.pairs = lru(settings.maxEntries());
    this.addresses = lru(settings.maxEntries());
    this.accounts = lru(settings.maxEntries());
    this.knownGood = lru(settings.maxEntries());
  }

  /** Empty when a password attempt for {@code username} from {@code address} may be checked. */
  public synchronized Optional<Refusal> check(String username, String address) {
    long now = clock.millis();
    String account = name(username);
    long pair = lockedFor(pairs.get(pair(account, address)), now);
    if (pair > 0) {
      return refusal(
          pair, "too many failed logins for this account from your address; try again in %d s");
    }
    long byAddress = lockedFor(addresses.get(address), now);
    if (byAddress > 0) {
      return refusal(byAddress, "too many failed logins from your address; try again in %d s");
    }
    long byAccount = lockedFor(accounts.get(account), now);
    if (byAccount > 0 && !knownGood(account, address, now)) {
      return refusal(
          byAccount,
          "too many failed logins for this account from many addresses; try again in %d s, or"
              + " from an address that logged in to it before (API keys are not affected)");
    }
    return Optional.empty();
  }

  /** Counts a wrong password (or an unknown username). */
  public synchronized void failed(String username, String address) {
    long now = clock.millis();
    String account = name(username);
    bump(pairs, pair(account, address), now, settings.pairFailures(), false);
    bump(addresses, address, now, settings.addressFailures(), false);
    bump(accounts, account, now, settings.accountFailures(), true);
  }

  /**
   * A successful login clears the failures of this account from this address and remembers the
   * address as one the account logs in from. The address's and the account's totals only fade with
   * time: an attacker who owns one account cannot reset them by logging in to it.
   */
  public synchronized void succeeded(String username, String address) {
    String account = name(username);
    pairs.remove(pair(account, address));
    knownGood.put(pair(account, address), clock.millis());
  }

  /** Entries held now (pairs, addresses, accounts, known addresses), for tests of the bounds. */
  synchronized int size() {
    return pairs.size() + addresses.size() + accounts.size() + knownGood.size();
  }

  private boolean knownGood(String account, String address, long now) {
    Long at = knownGood.get(pair(account, address));
    return at != null && now - at <= settings.rememberSuccess().toMillis();
  }

  private void bump(Map<String, Counter> table, String key, long now, int free, boolean account) {
    Counter c = table.computeIfAbsent(key, k -> new Counter());
    if (now - c.lastFailure > settings.forgetAfter().toMillis()) {
      c.failures = 0;
    }
    c.failures++;
    c.lastFailure = now;
    if (c.failures >= free) {
      long base = (account ? settings.accountLockout() : settings.lockout()).toMillis();
      long max = (account ? settings.accountMaxLockout() : settings.maxLockout()).toMillis();
      int doublings = Math.min(30, c.failures - free);
      c.lockedUntil = now + Math.min(max, base << doublings);
    }
  }

  private static long lockedFor(Counter c, long now) {
    return c == null ? 0 : Math.max(0, c.lockedUntil - now);
  }

  private static Optional<Refusal> refusal(long millis, String reason) {
    long seconds = Math.max(1, (millis + 999) / 1000);
    return Optional.of(new Refusal(seconds, reason.formatted(seconds)));
  }

  private static String name(String username) {
    String n = username == null ? "" : username.strip();
    return n.length() > MAX_NAME ? n.substring(0, MAX_NAME) : n;
  }

  private static String pair(String account, String address) {
    return account + '\n' + address;
  }

  private static <V> Map<String, V> lru(int max) {
    return new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > max;
      }
    };
  }

  private static final class Counter {
    int failures;
    long lastFailure = Long.MIN_VALUE / 2;
    long lockedUntil;
  }
}
