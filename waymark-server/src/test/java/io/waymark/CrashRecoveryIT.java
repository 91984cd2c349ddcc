package io.waymark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged server as its own process, kills it with SIGKILL while clients are sending,
 * restarts it on the same data directory and proves every acknowledged event is stored exactly
 * once.
 */
class CrashRecoveryIT {

  private static final String INGEST = "wm_ingest_crash000000000000000000000000001";
  private static final String ADMIN = "wm_admin_crash0000000000000000000000000001";
  private static final int USERS = 10;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopAll() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void losesAndDuplicatesNoAcknowledgedEventAcrossKillNine() throws Exception {
    Path dataDir = Files.createTempDirectory("waymark-crash-");
    Server first = start(dataDir);
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Thread sender =
        Thread.ofPlatform().start(() -> sendUntilRefused(first.collector(), acknowledged));
    await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 2_000);
    first.process().destroyForcibly().waitFor();
    sender.join(30_000);
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(2_000);

    Server second = start(dataDir);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> storedIds(second.api()).containsAll(acknowledged));
    List<String> stored = storedIdList(second.api());
    assertThat(new HashSet<>(stored)).hasSameSizeAs(stored); // no duplicates
    long counted = 0;
    for (JsonNode u :
        second.api().get("/api/v1/users?q=crash-&limit=200", ADMIN).json().get("items")) {
      counted += u.get("event_count").asLong();
    }
    assertThat(counted).isEqualTo(stored.size());

    String after =
        "{\"type\":\"click\",\"user_id\":\"crash-0\",\"event_id\":\"" + UUID.randomUUID() + "\"}";
    assertThat(second.collector().post("/api/v1/events", INGEST, after).status()).isEqualTo(200);
  }

  @Test
  void streamStateResumesAfterKillNineWithoutLosingAlertsOrDoubleCountingSessions()
      throws Exception {
    Path dataDir = Files.createTempDirectory("waymark-crash-stream-");
    Server first = start(dataDir, "--waymark.sessions.gap=3s");
    String rule =
        "{\"name\":\"crash burst\",\"kind\":\"event_count\",\"threshold\":3,"
            + "\"window\":\"10m\",\"event_type\":\"crash_try\",\"severity\":\"high\"}";
    assertThat(first.api().post("/api/v1/alert-rules", ADMIN, rule).status()).isEqualTo(201);
    for (int u = 0; u < USERS; u++) {
      assertThat(
              first.collector().post("/api/v1/events", INGEST, views("shopper-" + u, 3)).status())
          .isEqualTo(200);
    }
    for (int u = 0; u < 5; u++) {
      assertThat(first.collector().post("/api/v1/events", INGEST, tries("fraud-" + u, 4)).status())
          .isEqualTo(200);
    }
    first.process().destroyForcibly().waitFor(); // alerts and sessions may be in flight

    long restarted = System.nanoTime();
    Server second = start(dataDir, "--waymark.sessions.gap=3s");
    long healthy = System.nanoTime();
    assertThat(second.collector().post("/api/v1/events", INGEST, tries("fraud-late", 4)).status())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> alertCount(second.api(), "fraud-late") == 1);
    System.out.printf(
        "stream processing resumed: process start to healthy %d ms, healthy to the first alert of"
            + " a new event %d ms%n",
        (healthy - restarted) / 1_000_000, (System.nanoTime() - healthy) / 1_000_000);

    for (int u = 0; u < 5; u++) {
      String user = "fraud-" + u;
      await().atMost(Duration.ofSeconds(60)).until(() -> alertCount(second.api(), user) >= 1);
      assertThat(alertCount(second.api(), user)).as("alerts of " + user).isEqualTo(1);
    }
    for (int u = 0; u < USERS; u++) {
      String user = "shopper-" + u;
      JsonNode sessions =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> second.api().get("/api/v1/users/" + user + "/sessions", ADMIN).json(),
                  j -> j != null && j.has("items") && j.get("items").size() >= 1);
      assertThat(sessions.get("items")).as("sessions of " + user).hasSize(1);
      assertThat(sessions.get("items").get(0).get("event_count").asInt()).isEqualTo(3);
    }
  }

  private static int alertCount(WaymarkClient api, String user) {
    JsonNode j = api.get("/api/v1/alerts?user_id=" + user, ADMIN).json();
    return j == null || !j.has("items") ? 0 : j.get("items").size();
  }

  private static String views(String user, int n) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"type\":\"page_view\",\"page_url\":\"/p/")
          .append(i)
          .append("\",\"user_id\":\"")
          .append(user)
          .append("\"}");
    }
    return b.append("]").toString();
  }

  private static String tries(String user, int n) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"type\":\"crash_try\",\"user_id\":\"")
          .append(user)
          .append("\"}");
    }
    return b.append("]").toString();
  }

  private static void sendUntilRefused(WaymarkClient collector, Set<String> acknowledged) {
    for (int round = 0; round < 100_000; round++) {
      StringBuilder body = new StringBuilder("[");
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String id = UUID.randomUUID().toString();
        ids.add(id);
        body.append(i == 0 ? "" : ",")
            .append("{\"type\":\"page_view\",\"page_url\":\"/p/")
            .append(i)
            .append("\",\"user_id\":\"crash-")
            .append((round + i) % USERS)
            .append("\",\"event_id\":\"")
            .append(id)
            .append("\"}");
      }
      try {
        if (collector.post("/api/v1/events", INGEST, body.append("]").toString()).status() == 200) {
          acknowledged.addAll(ids);
        }
      } catch (RuntimeException refused) {
        return; // the server is gone
      }
    }
  }

  private static Set<String> storedIds(WaymarkClient api) {
    try {
      return new HashSet<>(storedIdList(api));
    } catch (RuntimeException notYet) {
      return Set.of();
    }
  }

  private static List<String> storedIdList(WaymarkClient api) {
    List<String> ids = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      String token = null;
      do {
        JsonNode page =
            api.get(
                    "/api/v1/users/crash-"
                        + u
                        + "/events?limit=1000"
                        + (token == null ? "" : "&page_token=" + token),
                    ADMIN)
                .json();
        if (page == null || !page.has("items")) {
          break;
        }
        page.get("items").forEach(e -> ids.add(e.get("event_id").asText()));
        token = page.has("next_page_token") ? page.get("next_page_token").asText() : null;
      } while (token != null);
    }
    return ids;
  }

  private record Server(Process process, WaymarkClient api, WaymarkClient collector) {}

  private Server start(Path dataDir, String... extra) throws IOException {
    int port = freePort();
    int collectorPort = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx1g",
            "-jar",
            new File("target/waymark-server.jar").getAbsolutePath(),
            "--waymark.data-dir=" + dataDir,
            "--server.port=" + port,
            "--server.address=127.0.0.1",
            "--management.server.port=0",
            "--waymark.collector.port=" + collectorPort,
            "--waymark.collector.host=127.0.0.1",
            "--waymark.store.memory-limit=512MB");
    pb.command().addAll(List.of(extra));
    pb.environment().put("WAYMARK_INGEST_KEY", INGEST);
    pb.environment().put("WAYMARK_ADMIN_KEY", ADMIN);
    pb.redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()));
    Process p = pb.start();
    started.add(p);
    WaymarkClient api = new WaymarkClient("http://127.0.0.1:" + port);
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> api.get("/actuator/health", null).status() == 200);
    return new Server(p, api, new WaymarkClient("http://127.0.0.1:" + collectorPort));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
