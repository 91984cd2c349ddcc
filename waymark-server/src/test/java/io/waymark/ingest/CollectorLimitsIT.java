package io.waymark.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waymark.EndToEndTest;
import io.waymark.WaymarkApplication;
import io.waymark.WaymarkClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The collector's limits on a Waymark process of its own, started with small ones: the in-flight
 * byte budget, the main port's concurrency, the collector port's connection cap and idle timeout.
 */
@AutoConfigureObservability
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    classes = WaymarkApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CollectorLimitsIT {

  private static final String KEY = EndToEndTest.INGEST_KEY;
  private static final int MAX_CONNECTIONS = 16;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) throws IOException {
    Path dir = Files.createTempDirectory("waymark-limits-");
    r.add("waymark.data-dir", dir::toString);
    r.add("server.address", () -> "127.0.0.1");
    r.add("waymark.collector.host", () -> "127.0.0.1");
    r.add("waymark.collector.port", () -> "0");
    r.add("waymark.collector.max-body-bytes", () -> "256KB");
    r.add("waymark.bootstrap.ingest-key", () -> KEY);
    r.add("waymark.bootstrap.admin-key", () -> EndToEndTest.ADMIN_KEY);
    r.add("waymark.bootstrap.admin-password", () -> EndToEndTest.ADMIN_PASSWORD);
    r.add("waymark.store.memory-limit", () -> "512MB");
    r.add("waymark.store.recent.enabled", () -> "false");
    r.add("waymark.collector.limits.max-connections", () -> String.valueOf(MAX_CONNECTIONS));
    r.add("waymark.collector.limits.idle-timeout", () -> "4s");
    r.add("waymark.collector.limits.max-in-flight-bytes", () -> "300KB");
    r.add("waymark.collector.limits.main-port-concurrency", () -> "2");
    r.add("management.server.port", () -> "0");
  }

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired CollectorServerHandle collectorServer;

  private static String event(String user) {
    return "{\"type\":\"click\",\"user_id\":\"" + user + "\"}";
  }

  /** A JSON body of exactly {@code size} bytes: one event padded with spaces. */
  private static String padded(String user, int size) {
    String e = "[" + event(user) + "]";
    return e + " ".repeat(size - e.length());
  }

  @Test
  void overTheInFlightBudgetBothPortsAnswer503WithRetryAfterBeforeReadingTheBody()
      throws Exception {
    awaitNoConnections();
    try (RawHttp holding = new RawHttp(collectorServer.port())) {
      String body = padded("budget-1", 200_000);
      holding.post(
          "/api/v1/events", 200_000, body.substring(0, 1), "Authorization", "Bearer " + KEY);
      awaitInFlight(200_000);
      for (int p : new int[] {collectorServer.port(), port}) {
        try (RawHttp late = new RawHttp(p)) {
          late.post("/api/v1/events", 200_000, "", "Authorization", "Bearer " + KEY);
          RawHttp.Response r = late.read();
          assertThat(r.status()).as("port %d", p).isEqualTo(503);
          assertThat(r.header("Retry-After")).isEqualTo("1");
          assertThat(r.body()).contains("waymark.collector.limits.max-in-flight-bytes");
        }
      }
      holding.send(body.substring(1));
      assertThat(holding.read().status()).isEqualTo(200);
    }
    awaitInFlight(0);
    assertThat(
            new WaymarkClient("http://127.0.0.1:" + port)
                .post("/api/v1/events", KEY, padded("budget-2", 200_000))
                .status())
        .isEqualTo(200);
  }

  @Test
  void theMainPortServesAtMostItsConcurrencyOfCollectorRequestsAtOnce() throws Exception {
    List<RawHttp> held = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        RawHttp c = new RawHttp(port);
        c.post("/api/v1/events", 1_000, "[", "Authorization", "Bearer " + KEY);
        held.add(c);
      }
      awaitInFlight(2_000);
      WaymarkClient main = new WaymarkClient("http://127.0.0.1:" + port);
      WaymarkClient.Reply busy = main.post("/api/v1/events", KEY, event("conc-1"));
      assertThat(busy.status()).isEqualTo(503);
      assertThat(busy.retryAfter()).isEqualTo("1");
      assertThat(busy.json().get("message").asText())
          .contains("waymark.collector.limits.main-port-concurrency");
      assertThat(main.get("/api/v1/admin/rate-limits", EndToEndTest.ADMIN_KEY).status())
          .as("the rest of the API is not limited")
          .isEqualTo(200);
      for (RawHttp c : held) {
        c.send(padded("conc-held", 1_000).substring(1));
        assertThat(c.read().status()).isEqualTo(200);
      }
      assertThat(main.post("/api/v1/events", KEY, event("conc-2")).status()).isEqualTo(200);
    } finally {
      held.forEach(RawHttp::close);
    }
  }

  @Test
  void anIdleConnectionIsClosedAfterTheIdleTimeout() {
    try (RawHttp idle = new RawHttp(collectorServer.port())) {
      long start = System.nanoTime();
      idle.timeout(20_000);
      assertThat(idle.closedByServer()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(Duration.ofSeconds(3), Duration.ofSeconds(19));
    }
  }

  @Test
  void connectionsOverTheCapAreClosedAtOnceWhileAConnectedClientIsStillServed() throws Exception {
    awaitNoConnections();
    List<RawHttp> idle = new ArrayList<>();
    try (RawHttp client = new RawHttp(collectorServer.port())) {
      client.post(
          "/api/v1/events",
          event("cap-1").length(),
          event("cap-1"),
          "Authorization",
          "Bearer " + KEY);
      assertThat(client.read().status()).isEqualTo(200);
      for (int i = 1; i < MAX_CONNECTIONS; i++) {
        idle.add(new RawHttp(collectorServer.port()));
      }
      await()
          .atMost(Duration.ofSeconds(3))
          .until(() -> gauge("waymark_collector_connections") == MAX_CONNECTIONS);
      try (RawHttp over = new RawHttp(collectorServer.port())) {
        over.timeout(2_000);
        assertThat(over.closedByServer()).as("the connection over the cap").isTrue();
      }
      client.post(
          "/api/v1/events",
          event("cap-2").length(),
          event("cap-2"),
          "Authorization",
          "Bearer " + KEY);
      assertThat(client.read().status()).as("the connected client").isEqualTo(200);
    } finally {
      idle.forEach(RawHttp::close);
    }
    assertThat(gauge("waymark_collector_connections_refused_total")).isGreaterThanOrEqualTo(1);
    awaitNoConnections();
    try (RawHttp next = new RawHttp(collectorServer.port())) {
      next.post(
          "/api/v1/events",
          event("cap-3").length(),
          event("cap-3"),
          "Authorization",
          "Bearer " + KEY);
      assertThat(next.read().status()).isEqualTo(200);
    }
  }

  private void awaitNoConnections() {
    await().atMost(Duration.ofSeconds(30)).until(() -> gauge("waymark_collector_connections") == 0);
  }

  private void awaitInFlight(long bytes) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> gauge("waymark_collector_in_flight_bytes") == bytes);
  }

  private double gauge(String name) {
    String text =
        new WaymarkClient("http://127.0.0.1:" + managementPort)
            .get("/actuator/prometheus", null)
            .raw();
    for (String line : text.split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no metric " + name);
  }
}
