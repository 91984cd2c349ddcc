package io.waymark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Log lines name no person: masked ids in paths, client addresses cut to their network. */
class LogSafeTest {

  @Test
  void masksTheIdInAPersonsPathAndKeepsTheRest() {
    assertThat(LogSafe.path("/api/v1/users/ann@example.com/journey"))
        .isEqualTo("/api/v1/users/*/journey");
    assertThat(LogSafe.path("/v1/user/u-42")).isEqualTo("/v1/user/*");
    assertThat(LogSafe.path("/api/v1/live/users/u-42/sessions"))
        .isEqualTo("/api/v1/live/users/*/sessions");
    assertThat(LogSafe.path("/api/v1/customers/c-1")).isEqualTo("/api/v1/customers/*");
    assertThat(LogSafe.path("/api/v1/events")).isEqualTo("/api/v1/events");
    assertThat(LogSafe.path(null)).isNull();
  }

  @Test
  void cutsClientAddressesToTheirNetwork() {
    assertThat(LogSafe.address("203.0.113.77")).isEqualTo("203.0.113.0/24");
    assertThat(LogSafe.address("2001:db8:1:2::7")).isEqualTo("2001:db8:1::/48");
    assertThat(LogSafe.address("[2001:db8:1:2::7]")).isEqualTo("2001:db8:1::/48");
    assertThat(LogSafe.address("::1")).isEqualTo("::/48");
    assertThat(LogSafe.address(null)).isNull();
  }
}
