package io.waymark.admin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Brute-force protection of passwords (login and HTTP Basic). {@code pairFailures} failed attempts
 * at one account from one client address lock that pair for {@code lockout}, doubling with every
 * further failure up to {@code maxLockout}. {@code addressFailures} failures from one address
 * across all accounts lock the address the same way. {@code accountFailures} failures at one
 * account from all addresses together slow the account down ({@code accountLockout} doubling up to
 * {@code accountMaxLockout}) for every address except those that logged in to it within {@code
 * rememberSuccess}, so an attack from many addresses cannot lock the real user out. A counter is
 * forgotten after {@code forgetAfter} without failures; each table holds at most {@code maxEntries}
 * entries (least recently used go first).
 */
@ConfigurationProperties("waymark.login.throttle")
public record LoginThrottleSettings(
    @DefaultValue("5") int pairFailures,
    @DefaultValue("50") int addressFailures,
    @DefaultValue("20") int accountFailures,
    @DefaultValue("30s") Duration lockout,
    @DefaultValue("15m") Duration maxLockout,
    @DefaultValue("10s") Duration accountLockout,
    @DefaultValue("5m") Duration accountMaxLockout,
    @DefaultValue("15m") Duration forgetAfter,
    @DefaultValue("30d") Duration rememberSuccess,
    @DefaultValue("50000") int maxEntries) {

  /** The defaults, for tests and for code that runs without Spring. */
  public static LoginThrottleSettings defaults() {
    return new LoginThrottleSettings(
        5,
        50,
        20,
        Duration.ofSeconds(30),
        Duration.ofMinutes(15),
        Duration.ofSeconds(10),
        Duration.ofMinutes(5),
        Duration.ofMinutes(15),
        Duration.ofDays(30),
        50_000);
  }
}
