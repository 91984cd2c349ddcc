package io.waymark.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The password rules, for passwords set through the API and for WAYMARK_ADMIN_PASSWORD. */
class PasswordRulesTest {

  @Test
  void aPasswordMayHaveAtMostSeventyTwoBytesInUtf8() {
    assertThat(Problems.passwordProblem("a".repeat(72))).isEmpty();
    assertThat(Problems.passwordProblem("é".repeat(36))).isEmpty();
    assertThat(Problems.passwordProblem("a".repeat(73)))
        .contains(
            "must be at most 72 bytes in UTF-8 (bcrypt's limit), got 73 bytes; use fewer or"
                + " plainer characters");
    assertThat(Problems.passwordProblem("é".repeat(37)).orElseThrow()).contains("got 74 bytes");
    assertThat(Problems.passwordProblem("short")).contains("must be 10 to 200 characters long");
  }

  @Test
  void theAdminPasswordFromTheEnvironmentMustPassTheSameRules() {
    assertThatThrownBy(() -> settings("too-short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "WAYMARK_ADMIN_PASSWORD (waymark.bootstrap.admin-password) must be 10 to 200"
                + " characters long; set a longer or plainer password, or leave it unset to have"
                + " one generated");
    assertThatThrownBy(() -> settings("x".repeat(80)))
        .hasMessageContaining("must be at most 72 bytes in UTF-8 (bcrypt's limit), got 80 bytes");
    assertThat(settings("").adminPassword()).as("blank: generated").isEmpty();
    assertThat(settings("a-good-password").adminPassword()).isEqualTo("a-good-password");
  }

  @Test
  void waymarkDoesNotStartWithAWeakAdminPasswordAndSaysWhy() {
    new ApplicationContextRunner()
        .withUserConfiguration(Bind.class)
        .withPropertyValues("waymark.bootstrap.admin-password=admin")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("WAYMARK_ADMIN_PASSWORD")
                  .hasMessageContaining("must be 10 to 200 characters long");
            });
  }

  private static BootstrapSettings settings(String password) {
    return new BootstrapSettings("admin", password, "", "", List.of());
  }

  @Configuration
  @EnableConfigurationProperties(BootstrapSettings.class)
  static class Bind {}
}
