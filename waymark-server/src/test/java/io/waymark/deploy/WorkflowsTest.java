package io.waymark.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The GitHub Actions workflows parse, and what their steps name exists in the repository: scripts,
 * paths, {@code ./waymark} subcommands, Terraform environments; actions are pinned to a version.
 */
class WorkflowsTest {

  private static final Path ROOT = Repo.root();
  private static final Path WORKFLOWS = ROOT.resolve(".github/workflows");
  private static final Pattern REPO_PATH =
      Pattern.compile(
          "(?<![\\w/.-])(?:\\./)?((?:\\.ci|deploy|docs|bench|waymark-[a-z]+)(?:/[\\w.*${}()-]+)*)");

  /** Files the workflows write themselves (terraform plan -out=tfplan), not the repository. */
  private static final Set<String> WRITTEN_BY_A_STEP = Set.of("deploy/terraform/tfplan");

  private static final Pattern LAUNCHER = Pattern.compile("\\./waymark\\s+([a-z-]+)");

  @Test
  void ciRunsTheReadmesTestCommandWithMavenAndNpmCaches() throws IOException {
    Map<String, Object> ci = workflow("ci.yml");
    assertThat(triggers(ci)).containsKeys("push", "pull_request");
    List<Map<String, Object>> steps = steps(ci, "test");
    assertThat(runs(steps)).anyMatch(r -> r.contains("bash .ci/run"));
    assertThat(Files.readString(ROOT.resolve(".ci/run"))).contains("./waymark test");
    assertThat(Files.readString(ROOT.resolve("README.md"))).contains("./waymark test");
    assertThat(with(steps, "actions/setup-java")).containsEntry("cache", "maven");
    assertThat(with(steps, "actions/setup-node")).containsEntry("cache", "npm");
  }

  @Test
  void releaseOnATagBuildsChecksumsAndPushesAnImageToGhcr() throws IOException {
    Map<String, Object> release = workflow("release.yml");
    @SuppressWarnings("unchecked")
    Map<String, Object> push = (Map<String, Object>) triggers(release).get("push");
    assertThat(push).containsKey("tags");
    List<Map<String, Object>> steps = steps(release, "release");
    List<String> runs = runs(steps);
    assertThat(runs).anyMatch(r -> r.contains("mvn -B -ntp") && r.contains("package"));
    assertThat(runs).anyMatch(r -> r.contains("sha256sum"));
    assertThat(runs).anyMatch(r -> r.contains("gh release create"));
    assertThat(runs).anyMatch(r -> r.contains("ghcr.io/") && r.contains("--push"));
    assertThat(with(steps, "docker/login-action")).containsEntry("registry", "ghcr.io");
  }

  @Test
  @SuppressWarnings("unchecked")
  void deployPlansThenAppliesThePlanBehindAnEnvironmentApproval() throws IOException {
    Map<String, Object> deploy = workflow("deploy.yml");
    Map<String, Object> dispatch = (Map<String, Object>) triggers(deploy).get("workflow_dispatch");
    Map<String, Object> env =
        (Map<String, Object>) ((Map<String, Object>) dispatch.get("inputs")).get("environment");
    for (Object e : (List<Object>) env.get("options")) {
      assertThat(ROOT.resolve("deploy/terraform/envs/" + e + ".tfvars")).isRegularFile();
    }
    Map<String, Object> jobs = (Map<String, Object>) deploy.get("jobs");
    Map<String, Object> apply = (Map<String, Object>) jobs.get("apply");
    assertThat(apply.get("needs")).isEqualTo("plan");
    assertThat(String.valueOf(apply.get("environment"))).isEqualTo("${{ inputs.environment }}");
    assertThat(runs(steps(deploy, "plan")))
        .anyMatch(r -> r.contains("plan") && r.contains("-out=tfplan"));
    assertThat(runs(steps(deploy, "apply"))).anyMatch(r -> r.contains("apply -input=false tfplan"));
  }

  @Test
  void everyPathScriptAndLauncherCommandAStepNamesExists() throws IOException {
    Set<String> subcommands = launcherSubcommands();
    int checked = 0;
    try (var files = Files.list(WORKFLOWS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yml")).toList()) {
        Map<String, Object> wf = workflow(f.getFileName().toString());
        for (String job : jobs(wf)) {
          for (Map<String, Object> step : steps(wf, job)) {
            String text = String.valueOf(step.getOrDefault("run", "")) + "\n" + withText(step);
            Matcher launcher = LAUNCHER.matcher(text);
            while (launcher.find()) {
              assertThat(subcommands)
                  .as("%s: ./waymark %s", f.getFileName(), launcher.group(1))
                  .contains(launcher.group(1));
            }
            for (String path : repoPaths(text)) {
              assertThat(ROOT.resolve(path)).as("%s names %s", f.getFileName(), path).exists();
              checked++;
            }
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(5);
  }

  @Test
  void everyActionIsPinnedToAVersion() throws IOException {
    try (var files = Files.list(WORKFLOWS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yml")).toList()) {
        Map<String, Object> wf = workflow(f.getFileName().toString());
        for (String job : jobs(wf)) {
          assertThat(job(wf, job))
              .as("%s job %s has runs-on", f.getFileName(), job)
              .containsKey("runs-on");
          for (Map<String, Object> step : steps(wf, job)) {
            assertThat(step.containsKey("uses") || step.containsKey("run"))
                .as("%s: a step uses an action or runs a command", f.getFileName())
                .isTrue();
            if (step.containsKey("uses")) {
              assertThat(String.valueOf(step.get("uses"))).matches("[\\w.-]+/[\\w.-]+@v\\d+");
            }
          }
        }
      }
    }
  }

  /** Repository paths a step names, cut before anything built ({@code target/}) or substituted. */
  static Set<String> repoPaths(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = REPO_PATH.matcher(text);
    while (m.find()) {
      String p = m.group(1);
      for (String cut : new String[] {"/target/", "*", "$", "{"}) {
        int i = p.indexOf(cut);
        if (i >= 0) {
          p = p.substring(0, i);
        }
      }
      p = p.replaceAll("/+$", "");
      if (!p.isEmpty() && !WRITTEN_BY_A_STEP.contains(p)) {
        out.add(p);
      }
    }
    return out;
  }

  private static Set<String> launcherSubcommands() throws IOException {
    String launcher = Files.readString(ROOT.resolve("waymark"));
    Matcher m = Pattern.compile("(?m)^\\s+([a-z|-]+)\\)[^\\n]*?\\bcmd_").matcher(launcher);
    Set<String> out = new LinkedHashSet<>();
    while (m.find()) {
      out.addAll(List.of(m.group(1).split("\\|")));
    }
    assertThat(out).contains("test", "run");
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> workflow(String name) throws IOException {
    Map<String, Object> wf = new Yaml().load(Files.readString(WORKFLOWS.resolve(name)));
    assertThat(wf).as(name).containsKeys("name", "jobs");
    return wf;
  }

  /** {@code on:} (YAML 1.1 reads the bare key {@code on} as the boolean true). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> triggers(Map<String, Object> wf) {
    Object on =
        wf.containsKey("on") ? wf.get("on") : ((Map<Object, Object>) (Map<?, ?>) wf).get(true);
    assertThat(on).isInstanceOf(Map.class);
    return (Map<String, Object>) on;
  }

  @SuppressWarnings("unchecked")
  private static Set<String> jobs(Map<String, Object> wf) {
    return ((Map<String, Object>) wf.get("jobs")).keySet();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> job(Map<String, Object> wf, String job) {
    return (Map<String, Object>) ((Map<String, Object>) wf.get("jobs")).get(job);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps(Map<String, Object> wf, String job) {
    List<Map<String, Object>> steps = (List<Map<String, Object>>) job(wf, job).get("steps");
    assertThat(steps).as("steps of job %s", job).isNotEmpty();
    return steps;
  }

  private static List<String> runs(List<Map<String, Object>> steps) {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> s : steps) {
      if (s.containsKey("run")) {
        out.add(String.valueOf(s.get("run")));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> with(List<Map<String, Object>> steps, String action) {
    for (Map<String, Object> s : steps) {
      if (String.valueOf(s.get("uses")).startsWith(action + "@")) {
        return (Map<String, Object>) s.get("with");
      }
    }
    throw new AssertionError("no step uses " + action);
  }

  /** The values of a step's {@code with:} (paths such as {@code cache-dependency-path}). */
  @SuppressWarnings("unchecked")
  private static String withText(Map<String, Object> step) {
    Object w = step.get("with");
    if (!(w instanceof Map)) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    ((Map<String, Object>) w).values().forEach(v -> b.append(v).append('\n'));
    return b.toString();
  }
}
