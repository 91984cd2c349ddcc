package io.waymark.operations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Health on the main port, status only. The actuator itself (health details, metrics) listens on
 * the management port, which is bound to loopback by default; load balancers, container health
 * checks and Kubernetes probes still need an answer on the public port, and get no more than UP or
 * DOWN from it. With the management port on the main port, the actuator answers these paths itself.
 */
@RestController
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
@Tag(name = "Operations")
class MainPortHealth {

  private final HealthEndpoint health;
  private final HttpCodeStatusMapper statusCodes;

  MainPortHealth(HealthEndpoint health, HttpCodeStatusMapper statusCodes) {
    this.health = health;
    this.statusCodes = statusCodes;
  }

  /** The body of every answer: only the status. */
  record Status(String status) {}

  @Operation(
      summary =
          "Overall health, status only (200 UP, 503 otherwise); details on the management port")
  @GetMapping("/actuator/health")
  ResponseEntity<Status> overall() {
    return answer(health.health());
  }

  @Operation(
      summary = "Readiness: Kafka, the store, the stream processor and the metadata database",
      description = "200 when the instance should receive traffic, 503 otherwise.")
  @GetMapping("/actuator/health/readiness")
  ResponseEntity<Status> readiness() {
    return group("readiness");
  }

  @Operation(
      summary = "Liveness: the process itself",
      description = "200 unless the process is broken and should be restarted.")
  @GetMapping("/actuator/health/liveness")
  ResponseEntity<Status> liveness() {
    return group("liveness");
  }

  private ResponseEntity<Status> group(String name) {
    HealthComponent c = health.healthForPath(name);
    if (c == null) {
      return ResponseEntity.status(404).body(new Status("UNKNOWN"));
    }
    return answer(c);
  }

  private ResponseEntity<Status> answer(HealthComponent c) {
    String code = c.getStatus().getCode();
    return ResponseEntity.status(statusCodes.getStatusCode(c.getStatus()))
        .header("Cache-Control", "no-store")
        .body(new Status(code));
  }
}
