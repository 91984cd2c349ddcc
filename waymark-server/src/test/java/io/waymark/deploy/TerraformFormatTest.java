package io.waymark.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Terraform under deploy/terraform is formatted as {@code terraform fmt} writes it (which also
 * parses every file). {@code terraform validate} needs the AWS provider, which cannot be downloaded
 * where the tests run: it is for users (docs/design/cloud.md).
 */
class TerraformFormatTest {

  private static final Path DIR = Repo.root().resolve("deploy/terraform");

  @Test
  void everyTerraformFileIsFormatted() throws Exception {
    assumeTrue(
        Repo.onPath("terraform"),
        "terraform is not on the PATH (it has no Debian or Maven package): skipping"
            + " `terraform fmt -check -recursive deploy/terraform`; install Terraform >= 1.6 to run it");
    assertThat(DIR.resolve("main.tf")).exists();
    Repo.Run run = Repo.run(DIR, "terraform", "fmt", "-check", "-recursive", "-diff", ".");
    assertThat(run.exit())
        .as(
            "terraform fmt -check -recursive found unformatted files (run `terraform fmt -recursive"
                + " deploy/terraform`):%n%s",
            run.output())
        .isZero();
  }

  @Test
  void bothEnvironmentsSetOnlyDeclaredVariables() throws Exception {
    String declared = Files.readString(DIR.resolve("variables.tf"));
    for (String env : new String[] {"dev", "prod"}) {
      for (String line : Files.readAllLines(DIR.resolve("envs/" + env + ".tfvars"))) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        String name = l.substring(0, l.indexOf('=')).strip();
        assertThat(declared)
            .as("%s.tfvars sets %s, which variables.tf declares", env, name)
            .contains("variable \"" + name + "\"");
      }
    }
  }
}
