package io.waymark.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The container image and compose.yaml, started for real: the repository's Dockerfile built with
 * podman, and compose.yaml's default profile started by docker-compose against podman's
 * Docker-compatible API (one start covers both, to keep CI short). The container must run Waymark
 * alone with its data in the named volume, as a non-root user on a read-only root file system, size
 * its heap from the container's memory limit, pass its own health check, take events with an ingest
 * key and answer them through the API, and stop cleanly on {@code podman stop}.
 *
 * <p>What the test changes in compose.yaml, and why: host networking instead of the published ports
 * (the only networking here) and free loopback ports. The "monitoring" profile (Prometheus,
 * Grafana) is not started: their images cannot be pulled here; the test checks that the default
 * profile leaves them out.
 */
class ContainerIT {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final long MEMORY = 2L << 30;

  @Test
  void composeStartsTheImageAloneWithItsVolumeAndPodmanStopsItCleanly() throws Exception {
    Podman.assumeAvailable();
    if (!Commands.onPath("docker-compose")) {
      if (Podman.CI) {
        fail("the container test needs docker-compose in CI (.ci/run installs it)");
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

    String image = Podman.image();
    int[] ports = Http.freePorts(3);
    int api = ports[0];
    int collector = ports[1];
    int management = ports[2];
    waymark.remove("ports");
    waymark.put("network_mode", "host");
    ObjectNode env = (ObjectNode) waymark.get("environment");
    env.put("SERVER_PORT", Integer.toString(api));
    env.put("SERVER_ADDRESS", "127.0.0.1");
    env.put("WAYMARK_COLLECTOR_PORT", Integer.toString(collector));
    env.put("WAYMARK_COLLECTOR_HOST", "127.0.0.1");
    env.put("MANAGEMENT_SERVER_PORT", Integer.toString(management));
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
            "DOCKER_HOST",
            "unix://" + socket,
            "WAYMARK_IMAGE",
            image,
            "WAYMARK_MEMORY",
            "2g",
            "WAYMARK_INGEST_KEY",
            Keys.INGEST,
            "WAYMARK_ADMIN_KEY",
            Keys.ADMIN,
            "WAYMARK_ADMIN_PASSWORD",
            Keys.PASSWORD);
    List<String> base =
        List.of(
            "docker-compose",
            "-f",
            file.toString(),
            "--project-directory",
            root.toString(),
            "-p",
            project);
    String container = null;
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(socket));
      long t0 = System.nanoTime();
      compose(base, composeEnv, "up", "-d").orFail("docker-compose up");
      List<String> containers =
          Podman.podman(
                  Duration.ofSeconds(30),
                  "ps",
                  "-a",
                  "--filter",
                  "label=com.docker.compose.project=" + project,
                  "--format",
                  "{{.Names}}")
              .output()
              .lines()
              .filter(l -> !l.isBlank())
              .toList();
      assertThat(containers).as("the default profile starts Waymark alone").hasSize(1);
      container = containers.get(0);
      assertThat(container).contains("waymark");
      awaitReady(container, api);
      System.out.printf("container: ready in %d s%n", Podman.seconds(t0));

      assertThat(inspect(container, "{{range .Mounts}}{{.Name}}{{end}}"))
          .isEqualTo(project + "_waymark-data");
      assertThat(inspect(container, "{{.HostConfig.ReadonlyRootfs}}")).isEqualTo("true");
      // The image's own HEALTHCHECK command, as docker or podman run it.
      assertThat(Podman.podman(Duration.ofSeconds(30), "healthcheck", "run", container).exit())
          .as("the image's health check")
          .isZero();
      assertThat(Podman.podman(Duration.ofSeconds(30), "exec", container, "id", "-u").output())
          .isEqualToIgnoringWhitespace("10001");
      // MaxRAMPercentage=40 of the container's 2 GiB, not of the machine's memory.
      JsonNode heap =
          Http.get(management, "/actuator/metrics/jvm.memory.max?tag=area:heap", Keys.ADMIN).json();
      assertThat(heap.at("/measurements/0/value").asDouble())
          .isBetween(0.35 * MEMORY, 0.45 * MEMORY);

      Shopper.roundTrip(collector, api, "container-shopper");

      long stopping = System.nanoTime();
      Podman.podman(Duration.ofSeconds(90), "stop", "-t", "60", container).orFail("podman stop");
      long stopSeconds = Podman.seconds(stopping);
      String exit = inspect(container, "{{.State.ExitCode}}");
      System.out.printf("container: stopped in %d s, exit code %s%n", stopSeconds, exit);
      // 143: ended by SIGTERM through the JVM's shutdown hooks (137 would be the kill after the
      // stop timeout).
      assertThat(exit).isEqualTo("143");
      assertThat(stopSeconds).isLessThan(60);
      assertThat(Podman.podman(Duration.ofSeconds(30), "logs", container).output())
          .contains("Waymark is stopping")
          .contains("Waymark stopped cleanly in");
    } catch (AssertionError | RuntimeException e) {
      if (container != null) {
        System.out.println(Podman.podman(Duration.ofSeconds(30), "logs", container).tail());
      }
      throw e;
    } finally {
      compose(base, composeEnv, "down", "-v");
      service.destroy();
      if (!service.waitFor(20, TimeUnit.SECONDS)) {
        service.destroyForcibly();
      }
      deleteQuietly(dir);
    }
  }

  private static void awaitReady(String container, int api) {
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              if (!inspect(container, "{{.State.Running}}").equals("true")) {
                throw new AssertionError(
                    "the container stopped while starting:\n"
                        + Podman.podman(Duration.ofSeconds(30), "logs", container).tail());
              }
              return Http.status(api, "/actuator/health/readiness") == 200;
            });
  }

  private static String inspect(String container, String format) {
    return Podman.podman(Duration.ofSeconds(30), "inspect", "--format", format, container)
        .output()
        .trim();
  }

  private static Commands.Result compose(
      List<String> base, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(base);
    command.addAll(List.of(args));
    return Commands.run(Duration.ofMinutes(5), command, env, null);
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory
    }
  }
}
