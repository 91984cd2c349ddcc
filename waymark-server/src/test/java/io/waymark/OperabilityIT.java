package io.waymark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** Health, metrics, the OpenAPI document and the first-start credentials. */
class OperabilityIT extends EndToEndTest {

  @Value("${waymark.data-dir}")
  Path dataDir;

  @Test
  void theMainPortAnswersHealthWithTheStatusOnly() {
    for (String path :
        new String[] {
          "/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness"
        }) {
      WaymarkClient.Reply r = api().get(path, null);
      assertThat(r.status()).as(path).isEqualTo(200);
      assertThat(r.json().get("status").asText()).as(path).isEqualTo("UP");
      assertThat(r.json().size()).as(path + " has nothing but the status").isEqualTo(1);
    }
    // Metrics and the actuator's other endpoints are not on the public port.
    assertThat(api().get("/actuator/prometheus", null).status()).isEqualTo(404);
    assertThat(api().get("/actuator/info", null).status()).isEqualTo(404);
    assertThat(api().get("/actuator/metrics", null).status()).isIn(401, 404);
  }

  @Test
  void readinessCoversTheLogTheStoreTheStreamAndTheDatabaseAndLivenessTheProcess() {
    JsonNode readiness = management().get("/actuator/health/readiness", null).json();
    assertThat(readiness.get("components").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("readinessState", "kafka", "store", "streams", "db");
    JsonNode liveness = management().get("/actuator/health/liveness", null).json();
    assertThat(liveness.get("components").fieldNames())
        .toIterable()
        .containsExactly("livenessState");
  }

  @Test
  void signedInPeopleSeeHealthDetailsAndTheVersionThroughTheApi() {
    assertThat(api().get("/api/v1/system/health", null).status()).isEqualTo(401);
    assertThat(api().get("/api/v1/system/info", null).status()).isEqualTo(401);
    JsonNode health = api().get("/api/v1/system/health", ADMIN_KEY).json();
    assertThat(health.at("/components/kafka/details/embedded").asBoolean()).isTrue();
    assertThat(health.at("/components/streams/status").asText()).isEqualTo("UP");

    JsonNode info = api().get("/api/v1/system/info", ADMIN_KEY).json();
    JsonNode actuator = management().get("/actuator/info", null).json();
    // The build writes both files; the test runs on classes built by Maven from a git checkout.
    assertThat(info.get("version").asText()).isEqualTo(actuator.at("/build/version").asText());
    assertThat(info.get("version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(info.get("commit").asText()).matches("[0-9a-f]{7,}");
    assertThat(actuator.at("/git/commit/id").asText()).startsWith(info.get("commit").asText());
  }

  @Test
  void healthIncludesKafkaAndTheStore() {
    JsonNode health = management().get("/actuator/health", null).json();
    assertThat(health.get("status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/kafka/status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/kafka/details/embedded").asBoolean()).isTrue();
    assertThat(health.at("/components/store/status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/streams/status").asText()).isEqualTo("UP");
  }

  @Test
  void exposesPrometheusMetrics() {
    collector().post("/api/v1/events", INGEST_KEY, "{\"type\":\"click\",\"user_id\":\"op-1\"}");
    String metrics = management().get("/actuator/prometheus", null).raw();
    assertThat(metrics)
        .contains("waymark_collector_events_total")
        .contains("waymark_collector_requests_total");
  }

  @Test
  void documentsEveryEndpointInOpenApi() {
    JsonNode doc = api().get("/v3/api-docs", null).json();
    JsonNode paths = doc.get("paths");
    for (String p :
        new String[] {
          "/api/v1/events",
          "/api/v1/events/batch",
          "/v1/page",
          "/api/v1/users",
          "/api/v1/users/{id}/journey",
          "/api/v1/users/{id}/events",
          "/api/v1/users/{id}/sessions",
          "/api/v1/quarantine",
          "/api/v1/live",
          "/api/v1/live/active-users",
          "/api/v1/live/top-pages",
          "/api/v1/live/users/{id}/sessions",
          "/api/v1/live/stream",
          "/api/v1/alerts",
          "/api/v1/alerts/{id}",
          "/api/v1/alerts/{id}/acknowledge",
          "/api/v1/alerts/stream",
          "/api/v1/alert-rules",
          "/api/v1/alert-rules/{id}",
          "/api/v1/webhooks",
          "/api/v1/webhooks/{id}",
          "/api/v1/webhooks/{id}/deliveries",
          "/api/v1/exports",
          "/api/v1/exports/{id}/runs",
          "/v1/user/{userId}",
          "/api/v1/system/health",
          "/api/v1/system/info",
          "/actuator/health/readiness"
        }) {
      assertThat(paths.has(p)).as("OpenAPI documents %s", p).isTrue();
    }
    assertThat(doc.at("/components/schemas/Event/properties/event_id")).isNotNull();
    assertThat(api().get("/swagger-ui/index.html", null).status()).isEqualTo(200);
  }

  @Test
  void writesNoGeneratedSecretsWhenTheyComeFromTheEnvironment() throws Exception {
    Path file = dataDir.resolve("initial-credentials.txt");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String text = Files.readString(file);
    assertThat(text)
        .contains("admin password: (from WAYMARK_ADMIN_PASSWORD)")
        .contains("ingest key: " + INGEST_KEY);
  }
}
