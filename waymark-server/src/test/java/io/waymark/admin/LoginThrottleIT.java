package io.waymark.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.EndToEndTest;
import io.waymark.WaymarkClient;
import io.waymark.WaymarkClient.Reply;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/**
 * Brute-force protection on the login and on HTTP Basic, over HTTP: each test sends from its own
 * loopback addresses (127.0.0.x), so the per-address counts are its own. The clock is fixed, so a
 * lockout here lasts for the whole run; each test uses accounts of its own.
 */
class LoginThrottleIT extends EndToEndTest {

  private WaymarkClient from(int lastOctet) {
    try {
      return new WaymarkClient(apiUrl(), InetAddress.getByName("127.0.0." + lastOctet));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private void account(String username, String password) {
    Reply r =
        api()
            .post(
                "/api/v1/accounts",
                ADMIN_KEY,
                "{\"username\":\"%s\",\"password\":\"%s\",\"role\":\"analyst\"}"
                    .formatted(username, password));
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
  }

  private static Reply login(WaymarkClient c, String username, String password) {
    return c.request(
        "POST",
        "/api/v1/auth/login",
        "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, password),
        "Content-Type",
        "application/json");
  }

  @Test
  void fiveWrongPasswordsLockTheAccountFromThatAddressEvenForTheRightPassword() {
    account("throttle-one", "right-password-1");
    WaymarkClient attacker = from(11);
    for (int i = 0; i < 5; i++) {
      assertThat(login(attacker, "throttle-one", "guess-" + i).status()).isEqualTo(401);
    }
    Reply locked = login(attacker, "throttle-one", "right-password-1");
    assertThat(locked.status()).as(locked.raw()).isEqualTo(429);
    assertThat(locked.retryAfter()).isEqualTo("30");
    assertThat(locked.json().at("/errors/0/field").asText()).isEqualTo("credentials");
    assertThat(locked.json().at("/errors/0/reason").asText())
        .isEqualTo("too many failed logins for this account from your address; try again in 30 s");

    assertThat(login(from(12), "throttle-one", "right-password-1").status())
        .as("the same account from another address")
        .isEqualTo(200);
  }

  @Test
  void httpBasicIsThrottledLikeTheLogin() {
    account("throttle-basic", "right-password-2");
    WaymarkClient attacker = from(13);
    for (int i = 0; i < 5; i++) {
      assertThat(attacker.getBasic("/api/v1/auth/me", "throttle-basic", "guess-" + i).status())
          .isEqualTo(401);
    }
    Reply locked = attacker.getBasic("/api/v1/auth/me", "throttle-basic", "right-password-2");
    assertThat(locked.status()).as(locked.raw()).isEqualTo(429);
    assertThat(locked.retryAfter()).isEqualTo("30");
    assertThat(locked.json().get("message").asText()).contains("too many failed logins");
    assertThat(from(14).getBasic("/api/v1/auth/me", "throttle-basic", "right-password-2").status())
        .isEqualTo(200);
  }

  @Test
  void aSuccessfulLoginResetsTheCount() {
    account("throttle-reset", "right-password-3");
    WaymarkClient user = from(15);
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 4; i++) {
        assertThat(login(user, "throttle-reset", "typo-" + i).status()).isEqualTo(401);
      }
      assertThat(user.getBasic("/api/v1/auth/me", "throttle-reset", "right-password-3").status())
          .isEqualTo(200);
    }
    assertThat(login(user, "throttle-reset", "right-password-3").status()).isEqualTo(200);
  }

  @Test
  void oneAddressTryingManyAccountsIsStopped() {
    account("throttle-spray", "right-password-4");
    WaymarkClient sprayer = from(16);
    for (int i = 0; i < 50; i++) {
      assertThat(login(sprayer, "sprayed-" + i, "Summer2026!").status()).isEqualTo(401);
    }
    Reply stopped = login(sprayer, "throttle-spray", "right-password-4");
    assertThat(stopped.status()).isEqualTo(429);
    assertThat(stopped.json().at("/errors/0/reason").asText())
        .isEqualTo("too many failed logins from your address; try again in 30 s");
    assertThat(login(from(17), "throttle-spray", "right-password-4").status()).isEqualTo(200);
  }

  @Test
  void manyAddressesAttackingOneAccountCannotLockItsOwnerOut() {
    account("throttle-owner", "right-password-5");
    WaymarkClient owner = from(18);
    assertThat(login(owner, "throttle-owner", "right-password-5").status()).isEqualTo(200);
    for (int i = 0; i < 20; i++) {
      assertThat(login(from(100 + i), "throttle-owner", "guess-" + i).status()).isEqualTo(401);
    }
    Reply slowed = login(from(140), "throttle-owner", "right-password-5");
    assertThat(slowed.status()).isEqualTo(429);
    assertThat(slowed.retryAfter()).isEqualTo("10");
    assertThat(slowed.json().at("/errors/0/reason").asText()).contains("from many addresses");

    assertThat(login(owner, "throttle-owner", "right-password-5").status())
        .as("the owner's usual address still logs in")
        .isEqualTo(200);
  }

  @Test
  void passwordsOverSeventyTwoBytesAreAFieldErrorEverywhere() {
    String long73 = "a".repeat(73);
    String accented = "é".repeat(37); // 37 characters, 74 bytes
    Reply created =
        api()
            .post(
                "/api/v1/accounts",
                ADMIN_KEY,
                "{\"username\":\"throttle-long\",\"password\":\"%s\",\"role\":\"viewer\"}"
                    .formatted(long73));
    assertThat(created.status()).as(created.raw()).isEqualTo(400);
    assertThat(created.json().at("/errors/0/field").asText()).isEqualTo("password");
    assertThat(created.json().at("/errors/0/reason").asText())
        .isEqualTo(
            "must be at most 72 bytes in UTF-8 (bcrypt's limit), got 73 bytes; use fewer or"
                + " plainer characters");

    account("throttle-change", "right-password-6");
    String id = idOf("throttle-change");
    Reply changed =
        api()
            .send(
                "PATCH",
                "/api/v1/accounts/" + id,
                ADMIN_KEY,
                "{\"password\":\"%s\"}".formatted(accented));
    assertThat(changed.status()).as(changed.raw()).isEqualTo(400);
    assertThat(changed.json().at("/errors/0/reason").asText()).contains("got 74 bytes");
    assertThat(
            api()
                .send(
                    "PATCH",
                    "/api/v1/accounts/" + id,
                    ADMIN_KEY,
                    "{\"password\":\"%s\"}".formatted("é".repeat(36)))
                .status())
        .as("72 bytes exactly")
        .isEqualTo(200);

    Reply login = login(from(19), "throttle-change", long73);
    assertThat(login.status()).isEqualTo(400);
    assertThat(login.json().at("/errors/0/field").asText()).isEqualTo("password");
    assertThat(login(from(19), "throttle-change", "é".repeat(36)).status()).isEqualTo(200);
  }

  private String idOf(String username) {
    for (var a : api().get("/api/v1/accounts", ADMIN_KEY).json().get("items")) {
      if (a.get("username").asText().equals(username)) {
        return a.get("id").asText();
      }
    }
    throw new AssertionError("no account " + username);
  }
}
