package io.waymark.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The container image, built from the repository's Dockerfile and started with podman: it runs as a
 * non-root user on a read-only root file system with its data in a volume, sizes its heap from the
 * container's memory limit, reports itself healthy, takes events with an ingest key and answers
 * them through the API, and stops cleanly on SIGTERM.
 */
class ImageIT {

  private static final long MEMORY = 2L << 30;

  @Test
  void theImageStartsTakesEventsAndStopsCleanly() {
    Podman.assumeAvailable();
    String image = Podman.image();
    int[] ports = Http.freePorts(3);
    int api = ports[0];
    int collector = ports[1];
    int management = ports[2];
    String name = "waymark-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;
    String volume = name + "-data";
    try {
      long t0 = System.nanoTime();
      Podman.podman(
              Duration.ofMinutes(2),
              "run",
              "-d",
              "--name",
              name,
              "--network",
              "host",
              "--memory",
              Long.toString(MEMORY),
              "--read-only",
              "--tmpfs",
              "/tmp",
              "-v",
              volume + ":/var/lib/waymark",
              "-e",
              "SERVER_PORT=" + api,
              "-e",
              "SERVER_ADDRESS=127.0.0.1",
              "-e",
              "WAYMARK_COLLECTOR_PORT=" + collector,
              "-e",
              "WAYMARK_COLLECTOR_HOST=127.0.0.1",
              "-e",
              "MANAGEMENT_SERVER_PORT=" + management,
              "-e",
              "WAYMARK_STORE_MEMORY_LIMIT=512MB",
              "-e",
              "WAYMARK_INGEST_KEY=" + Keys.INGEST,
              "-e",
              "WAYMARK_ADMIN_KEY=" + Keys.ADMIN,
              "-e",
              "WAYMARK_ADMIN_PASSWORD=" + Keys.PASSWORD,
              image)
          .orFail("podman run");
      awaitReady(name, api);
      System.out.printf("container ready in %d s%n", Podman.seconds(t0));

      // The image's own HEALTHCHECK command, as docker or podman run it.
      assertThat(Podman.podman(Duration.ofSeconds(30), "healthcheck", "run", name).exit())
          .as("the image's health check")
          .isZero();
      assertThat(Podman.podman(Duration.ofSeconds(30), "exec", name, "id", "-u").output().trim())
          .isEqualTo("10001");

      // MaxRAMPercentage=40 of the container's 2 GiB, not of the machine's memory.
      JsonNode heap =
          Http.get(management, "/actuator/metrics/jvm.memory.max?tag=area:heap", Keys.ADMIN).json();
      double maxHeap = heap.at("/measurements/0/value").asDouble();
      assertThat(maxHeap).isBetween(0.35 * MEMORY, 0.45 * MEMORY);

      Shopper.roundTrip(collector, api, "container-shopper");

      long stopping = System.nanoTime();
      Podman.podman(Duration.ofSeconds(90), "stop", "-t", "60", name).orFail("podman stop");
      long stopSeconds = Podman.seconds(stopping);
      String exit =
          Podman.podman(Duration.ofSeconds(30), "inspect", "--format", "{{.State.ExitCode}}", name)
              .output()
              .trim();
      String logs = Podman.podman(Duration.ofSeconds(30), "logs", name).output();
      System.out.printf("container stopped in %d s, exit code %s%n", stopSeconds, exit);
      // 143: ended by SIGTERM through the JVM's shutdown hooks (137 would be the kill after the
      // stop timeout).
      assertThat(exit).isEqualTo("143");
      assertThat(logs).contains("Waymark is stopping").contains("Waymark stopped cleanly in");
      assertThat(stopSeconds).isLessThan(60);
    } catch (AssertionError | RuntimeException e) {
      System.out.println(Podman.podman(Duration.ofSeconds(30), "logs", name).tail());
      throw e;
    } finally {
      Podman.podman(Duration.ofMinutes(1), "rm", "-f", name);
      Podman.podman(Duration.ofMinutes(1), "volume", "rm", "-f", volume);
    }
  }

  private static void awaitReady(String name, int api) {
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              String running =
                  Podman.podman(
                          Duration.ofSeconds(30), "inspect", "--format", "{{.State.Running}}", name)
                      .output()
                      .trim();
              if (!running.equals("true")) {
                throw new AssertionError(
                    "the container stopped while starting:\n"
                        + Podman.podman(Duration.ofSeconds(30), "logs", name).tail());
              }
              return Http.status(api, "/actuator/health/readiness") == 200;
            });
  }
}
