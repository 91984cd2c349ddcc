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
  void healthIncludesKafkaAndTheStore() {
    JsonNode health = api().get("/actuator/health", null).json();
    assertThat(health.get("status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/kafka/status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/kafka/details/embedded").asBoolean()).isTrue();
    assertThat(health.at("/components/store/status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/streams/status").asText()).isEqualTo("UP");
  }

  @Test
  void exposesPrometheusMetrics() {
    collector().post("/api/v1/events", INGEST_KEY, "{\"type\":\"click\",\"user_id\":\"op-1\"}");
    String metrics = api().get("/actuator/prometheus", null).raw();
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
          "/v1/user/{userId}"
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
