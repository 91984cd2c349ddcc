package io.waymark.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.customers.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Brute-force protection: per pair, per address, per account, backoff, reset and bounds. */
class LoginThrottleTest {

  private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
  private final TestClock clock = new TestClock(T0);
  private final LoginThrottle throttle = new LoginThrottle(LoginThrottleSettings.defaults(), clock);

  private void fail(String user, String address, int times) {
    for (int i = 0; i < times; i++) {
      assertThat(throttle.check(user, address)).as("attempt %d is checked", i + 1).isEmpty();
      throttle.failed(user, address);
    }
  }

  @Test
  void locksAnAccountFromOneAddressAfterFiveFailuresWithADoublingWait() {
    fail("alice", "203.0.113.7", 5);
    var refused = throttle.check("alice", "203.0.113.7");
    assertThat(refused).isPresent();
    assertThat(refused.get().retryAfterSeconds()).isEqualTo(30);
    assertThat(refused.get().reason()).contains("from your address").contains("30 s");

    clock.advance(Duration.ofSeconds(29));
    assertThat(throttle.check("alice", "203.0.113.7").get().retryAfterSeconds()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(throttle.check("alice", "203.0.113.7")).isEmpty();
    throttle.failed("alice", "203.0.113.7");
    assertThat(throttle.check("alice", "203.0.113.7").get().retryAfterSeconds()).isEqualTo(60);
    clock.advance(Duration.ofSeconds(60));
    throttle.failed("alice", "203.0.113.7");
    assertThat(throttle.check("alice", "203.0.113.7").get().retryAfterSeconds()).isEqualTo(120);

    assertThat(throttle.check("alice", "198.51.100.1")).as("another address").isEmpty();
    assertThat(throttle.check("bob", "203.0.113.7")).as("another account").isEmpty();
  }

  @Test
  void theWaitStopsGrowingAtFifteenMinutes() {
    fail("alice", "203.0.113.7", 5);
    for (int i = 0; i < 12; i++) {
      clock.advance(
          Duration.ofSeconds(throttle.check("alice", "203.0.113.7").get().retryAfterSeconds()));
      fail("alice", "203.0.113.7", 1);
    }
    assertThat(throttle.check("alice", "203.0.113.7").get().retryAfterSeconds()).isEqualTo(900);
  }

  @Test
  void aSuccessfulLoginClearsThePairsFailures() {
    fail("alice", "203.0.113.7", 4);
    throttle.succeeded("alice", "203.0.113.7");
    fail("alice", "203.0.113.7", 5);
    assertThat(throttle.check("alice", "203.0.113.7")).isPresent();
  }

  @Test
  void failuresAreForgottenAfterFifteenQuietMinutes() {
    fail("alice", "203.0.113.7", 4);
    clock.advance(Duration.ofMinutes(16));
    fail("alice", "203.0.113.7", 4);
    assertThat(throttle.check("alice", "203.0.113.7")).isEmpty();
  }

  @Test
  void oneAddressTryingManyAccountsIsLockedOutOfAllOfThem() {
    for (int i = 0; i < 50; i++) {
      fail("user-" + i, "203.0.113.9", 1);
    }
    var refused = throttle.check("someone-else", "203.0.113.9");
    assertThat(refused).isPresent();
    assertThat(refused.get().reason())
        .isEqualTo("too many failed logins from your address; try again in 30 s");
    assertThat(throttle.check("someone-else", "198.51.100.1")).isEmpty();
  }

  @Test
  void anAttackFromManyAddressesSlowsTheAccountButNotWhereItLoggedInBefore() {
    throttle.succeeded("admin", "192.0.2.1"); // the real admin's usual address
    for (int i = 0; i < 20; i++) {
      fail("admin", "198.51.100." + i, 1);
    }
    var refused = throttle.check("admin", "198.51.100.200");
    assertThat(refused).isPresent();
    assertThat(refused.get().retryAfterSeconds()).isEqualTo(10);
    assertThat(refused.get().reason()).contains("from many addresses");
    assertThat(throttle.check("admin", "192.0.2.1")).as("the real admin's address").isEmpty();

    // The account's wait is capped at 5 minutes: the attack can never lock it for longer.
    for (int i = 0; i < 30; i++) {
      clock.advance(
          Duration.ofSeconds(throttle.check("admin", "198.51.100.200").get().retryAfterSeconds()));
      fail("admin", "198.51.100." + (i % 4), 1);
    }
    assertThat(throttle.check("admin", "198.51.100.201").get().retryAfterSeconds()).isEqualTo(300);
  }

  @Test
  void unknownUsernamesAreThrottledLikeRealOnes() {
    fail("nobody-by-this-name", "203.0.113.7", 5);
    assertThat(throttle.check("nobody-by-this-name", "203.0.113.7")).isPresent();
  }

  @Test
  void memoryIsBoundedUnderAFloodOfDistinctNamesAndAddresses() {
    var small =
        new LoginThrottleSettings(
            5,
            50,
            20,
            Duration.ofSeconds(30),
            Duration.ofMinutes(15),
            Duration.ofSeconds(10),
            Duration.ofMinutes(5),
            Duration.ofMinutes(15),
            Duration.ofDays(30),
            1000);
    LoginThrottle t = new LoginThrottle(small, clock);
    for (int i = 0; i < 100_000; i++) {
      t.failed("name-" + i, "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
      t.succeeded("name-" + i, "addr-" + i);
    }
    assertThat(t.size()).isLessThanOrEqualTo(4 * 1000);
  }
}
