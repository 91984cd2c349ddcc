package io.waymark.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus alert rules in deploy/prometheus are valid and behave as their unit tests say
 * ({@code promtool}, from Debian's {@code prometheus} package, installed by {@code .ci/run}).
 */
class AlertRulesTest {

  private static final Path DIR = Repo.root().resolve("deploy/prometheus");

  @Test
  void rulesAndScrapeConfigPassPromtoolCheck() throws Exception {
    Repo.Run rules = Repo.run(DIR, promtool(), "check", "rules", "alerts.yml");
    assertThat(rules.exit()).as(rules.output()).isZero();
    Repo.Run config = Repo.run(DIR, promtool(), "check", "config", "prometheus.yml");
    assertThat(config.exit()).as(config.output()).isZero();
  }

  @Test
  void everyAlertFiresAndStaysQuietAsItsUnitTestsSay() throws Exception {
    Repo.Run run = Repo.run(DIR, promtool(), "test", "rules", "alerts.test.yml");
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertHasAUnitTestASummaryADescriptionAndARunbookSection() throws Exception {
    String rules = java.nio.file.Files.readString(DIR.resolve("alerts.yml"));
    String tests = java.nio.file.Files.readString(DIR.resolve("alerts.test.yml"));
    String operations = java.nio.file.Files.readString(Repo.root().resolve("docs/operations.md"));
    var alert = java.util.regex.Pattern.compile("- alert: (\\w+)").matcher(rules);
    int n = 0;
    while (alert.find()) {
      String name = alert.group(1);
      n++;
      assertThat(tests.contains("alertname: " + name)).as("a promtool test of %s", name).isTrue();
      assertThat(rules)
          .as("%s points to its own runbook section", name)
          .contains("runbook: docs/operations.md#" + name.toLowerCase(java.util.Locale.ROOT));
      assertThat(operations.contains("\n### " + name + "\n"))
          .as("docs/operations.md has a runbook section '### %s'", name)
          .isTrue();
    }
    assertThat(n).isGreaterThanOrEqualTo(8);
    assertThat(rules.split("- alert: ").length - 1)
        .isEqualTo(rules.split("summary: ").length - 1)
        .isEqualTo(rules.split("description: ").length - 1)
        .isEqualTo(rules.split("runbook: docs/operations.md#").length - 1);
  }

  private static String promtool() {
    if (!Repo.onPath("promtool")) {
      throw new AssertionError(
          "promtool is not on the PATH: install Debian's prometheus package (.ci/run does)");
    }
    return "promtool";
  }
}
