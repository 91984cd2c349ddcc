package io.waymark.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * compose.yaml started for real: docker-compose against podman's Docker-compatible API. The default
 * profile must start Waymark alone, with its data in the named volume. What the test changes, and
 * why: host networking instead of the file's published ports (the only networking here), and free
 * loopback ports. The "monitoring" profile (Prometheus, Grafana) is not started: their images
 * cannot be pulled here; the test checks that the default profile leaves them out.
 */
class ComposeIT {

  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void theDefaultProfileStartsWaymarkAloneWithItsVolume() throws Exception {
    Podman.assumeAvailable();
    if (!Commands.onPath("docker-compose")) {
      if (Podman.CI) {
        fail("the compose test needs docker-compose in CI (.ci/run installs it)");
      }
      Assumptions.assumeTrue(
          false, "docker-compose is not installed (apt-get install docker-compose)");
    }
    Path root = Podman.repositoryRoot();
    ObjectNode compose = (ObjectNode) YAML.readTree(root.resolve("compose.yaml").toFile());
    ObjectNode waymark = (ObjectNode) compose.at("/services/waymark");
    assertThat(waymark.has("profiles")).as("Waymark is in the default profile").isFalse();
    assertThat(compose.at("/services/prometheus/profiles/0").asText()).isEqualTo("monitoring");
    assertThat(compose.at("/services/grafana/profiles/0").asText()).isEqualTo("monitoring");
    assertThat(waymark.get("volumes").get(0).asText()).isEqualTo("waymark-data:/var/lib/waymark");

    String image = Podman.image();
    int[] ports = Http.freePorts(3);
    waymark.remove("ports");
    waymark.put("network_mode", "host");
    waymark.put("image", image);
    ObjectNode env = (ObjectNode) waymark.get("environment");
    env.put("SERVER_PORT", Integer.toString(ports[0]));
    env.put("SERVER_ADDRESS", "127.0.0.1");
    env.put("WAYMARK_COLLECTOR_PORT", Integer.toString(ports[1]));
    env.put("WAYMARK_COLLECTOR_HOST", "127.0.0.1");
    env.put("MANAGEMENT_SERVER_PORT", Integer.toString(ports[2]));
    env.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
    env.put("WAYMARK_STORE_MEMORY_LIMIT", "512MB");
    Path dir = Files.createTempDirectory("waymark-compose-");
    Path file = dir.resolve("compose.yaml");
    YAML.writeValue(file.toFile(), compose);

    String project = "waymarkit" + ProcessHandle.current().pid();
    Path socket = dir.resolve("podman.sock");
    Process service =
        new ProcessBuilder(
                "podman", "--runtime", "runc", "system", "service", "--time=0", "unix://" + socket)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("podman-service.log").toFile())
            .start();
    Map<String, String> composeEnv =
        Map.of(
            "DOCKER_HOST", "unix://" + socket,
            "WAYMARK_INGEST_KEY", Keys.INGEST,
            "WAYMARK_ADMIN_KEY", Keys.ADMIN,
            "WAYMARK_ADMIN_PASSWORD", Keys.PASSWORD);
    List<String> base =
        List.of(
            "docker-compose",
            "-f",
            file.toString(),
            "--project-directory",
            root.toString(),
            "-p",
            project);
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(socket));
      long t0 = System.nanoTime();
      compose(base, composeEnv, "up", "-d").orFail("docker-compose up");
      String containers =
          Podman.podman(
                  Duration.ofSeconds(30),
                  "ps",
                  "-a",
                  "--filter",
                  "label=com.docker.compose.project=" + project,
                  "--format",
                  "{{.Names}}")
              .output();
      assertThat(containers.lines().filter(l -> !l.isBlank()).toList())
          .as("the default profile starts Waymark alone")
          .singleElement()
          .asString()
          .contains("waymark");
      String container = containers.lines().filter(l -> !l.isBlank()).findFirst().orElseThrow();
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> Http.status(ports[0], "/actuator/health/readiness") == 200);
      System.out.printf("compose: Waymark ready in %d s%n", Podman.seconds(t0));

      assertThat(
              Podman.podman(
                      Duration.ofSeconds(30),
                      "inspect",
                      "--format",
                      "{{range .Mounts}}{{.Name}}{{end}}",
                      container)
                  .output()
                  .trim())
          .isEqualTo(project + "_waymark-data");
      Shopper.roundTrip(ports[1], ports[0], "compose-shopper");

      compose(base, composeEnv, "stop").orFail("docker-compose stop");
      assertThat(
              Podman.podman(
                      Duration.ofSeconds(30),
                      "inspect",
                      "--format",
                      "{{.State.ExitCode}}",
                      container)
                  .output()
                  .trim())
          .isEqualTo("143");
      assertThat(Podman.podman(Duration.ofSeconds(30), "logs", container).output())
          .contains("Waymark stopped cleanly in");
    } finally {
      compose(base, composeEnv, "down", "-v");
      service.destroy();
      if (!service.waitFor(20, TimeUnit.SECONDS)) {
        service.destroyForcibly();
      }
      deleteQuietly(dir);
    }
  }

  private static Commands.Result compose(
      List<String> base, Map<String, String> env, String... args) {
    List<String> command = new java.util.ArrayList<>(base);
    command.addAll(List.of(args));
    return Commands.run(Duration.ofMinutes(5), command, env, null);
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory
    }
  }
}
