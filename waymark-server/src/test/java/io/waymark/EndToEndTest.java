package io.waymark;

import io.waymark.ingest.CollectorServerHandle;
import io.waymark.vault.SubjectVault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the end-to-end tests: the whole Waymark process (embedded Kafka, DuckDB, both HTTP ports)
 * in a fresh data directory, with a fixed processing clock at {@link #NOW}.
 */
@AutoConfigureObservability
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    classes = {WaymarkApplication.class, EndToEndTest.FixedClock.class})
public abstract class EndToEndTest {

  public static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
  public static final String INGEST_KEY = "wm_ingest_test0000000000000000000000000001";
  public static final String ADMIN_KEY = "wm_admin_test00000000000000000000000000001";
  public static final String ADMIN_PASSWORD = "test-admin-password";
  public static final String BOOTSTRAP_ORIGIN = "https://bootstrap-shop.example";
  public static final String DEMO_ORIGIN = "http://demo-lan.example:8080";

  protected static final Path DATA_DIR;

  /** The one directory directory exports may write into (waymark.exports.directory-roots). */
  protected static final Path EXPORT_ROOT;

  static {
    try {
      DATA_DIR = Files.createTempDirectory("waymark-e2e-");
      EXPORT_ROOT = Files.createTempDirectory("waymark-e2e-exports-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    r.add("waymark.data-dir", DATA_DIR::toString);
    r.add("server.address", () -> "127.0.0.1");
    r.add("waymark.collector.host", () -> "127.0.0.1");
    r.add("waymark.collector.port", () -> "0");
    r.add("waymark.collector.max-body-bytes", () -> "256KB");
    r.add("waymark.collector.max-event-bytes", () -> "8KB");
    r.add("waymark.bootstrap.ingest-key", () -> INGEST_KEY);
    r.add("waymark.bootstrap.admin-key", () -> ADMIN_KEY);
    r.add("waymark.bootstrap.admin-password", () -> ADMIN_PASSWORD);
    r.add("waymark.store.memory-limit", () -> "1GB");
    r.add("waymark.bootstrap.ingest-key-origins", () -> BOOTSTRAP_ORIGIN);
    r.add("waymark.demo.enabled", () -> "true");
    r.add("waymark.demo.origins", () -> DEMO_ORIGIN);
    r.add("waymark.imports.max-file-size", () -> "1MB");
    r.add("waymark.exports.webhook-max-attempts", () -> "3");
    r.add("waymark.exports.webhook-backoff", () -> "50ms");
    r.add("waymark.sources.file-roots", () -> DATA_DIR.resolve("source-files").toString());
    r.add("waymark.exports.directory-roots", () -> EXPORT_ROOT.toString());
    r.add("waymark.sources.max-body-size", () -> "64KB");
    r.add("waymark.sources.timeout", () -> "2s");
    // The tests' receivers and remotes listen on 127.0.0.1, which Waymark refuses by default.
    r.add("waymark.outbound.allowed-networks", () -> "127.0.0.1/32");
  }

  /** Processing time is fixed so event times in tests can be named instants. */
  @TestConfiguration
  static class FixedClock {
    @Bean
    @Primary
    Clock fixedClock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }
  }

  @LocalServerPort protected int port;
  @LocalManagementPort protected int managementPort;
  @Autowired CollectorServerHandle collectorServer;
  @Autowired protected SubjectVault vault;

  /**
   * Sends one event for a user on each partition of the events topic, so stream time moves to
   * {@code at} everywhere (records are partitioned by the user's pseudonym).
   */
  protected void advanceStreamTimeOnEveryPartition(String at) {
    Set<Integer> covered = new HashSet<>();
    StringBuilder ticks = new StringBuilder("[");
    for (int i = 0; covered.size() < 6; i++) {
      String user = "tick-" + i;
      byte[] key = vault.pseudonym(user).getBytes(StandardCharsets.US_ASCII);
      if (covered.add(Utils.toPositive(Utils.murmur2(key)) % 6)) {
        ticks
            .append(ticks.length() > 1 ? "," : "")
            .append("{\"type\":\"click\",\"user_id\":\"")
            .append(user)
            .append("\",\"timestamp\":\"")
            .append(at)
            .append("\"}");
      }
    }
    int status =
        collector().post("/api/v1/events", INGEST_KEY, ticks.append("]").toString()).status();
    if (status != 200) {
      throw new AssertionError("ticks were answered " + status);
    }
  }

  /**
   * The quarantine records of one source (an import's or a connected source's {@code
   * quarantine_source}), in row order, once there are {@code expected} of them.
   */
  protected java.util.List<com.fasterxml.jackson.databind.JsonNode> quarantinedFrom(
      String source, int expected) {
    return org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .until(
            () -> {
              java.util.List<com.fasterxml.jackson.databind.JsonNode> out =
                  new java.util.ArrayList<>();
              for (com.fasterxml.jackson.databind.JsonNode q :
                  api().get("/api/v1/quarantine?limit=500", ADMIN_KEY).json().get("items")) {
                if (q.get("source").asText().equals(source)) {
                  out.add(q);
                }
              }
              out.sort((a, b) -> Integer.compare(a.get("index").asInt(), b.get("index").asInt()));
              return out;
            },
            l -> l.size() >= expected);
  }

  /** The main port (API, and the collector endpoints through Spring MVC). */
  protected WaymarkClient api() {
    return new WaymarkClient(apiUrl());
  }

  /**
   * The management port: the actuator (health details, {@code /actuator/prometheus}, {@code
   * /actuator/metrics}), on loopback. The main port answers only {@code /actuator/health} status.
   */
  protected WaymarkClient management() {
    return new WaymarkClient("http://127.0.0.1:" + managementPort);
  }

  /** The lean collector port. */
  protected WaymarkClient collector() {
    return new WaymarkClient(collectorUrl());
  }

  protected String apiUrl() {
    return "http://127.0.0.1:" + port;
  }

  protected String collectorUrl() {
    return "http://127.0.0.1:" + collectorPort();
  }

  protected int collectorPort() {
    return collectorServer.port();
  }
}
