package io.waymark.operations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the web app shows about the running instance: its health with every component's details, for
 * signed-in people (the public health answer gives the status only), and its version.
 */
@RestController
@RequestMapping("/api/v1/system")
@Tag(name = "Operations")
@SecurityRequirement(name = "bearer")
class SystemController {

  private final HealthEndpoint health;
  private final VersionInfo version;

  SystemController(HealthEndpoint health, VersionInfo version) {
    this.health = health;
    this.version = version;
  }

  /** The running build. */
  record Info(String version, String commit, String commitTime, boolean dirty, String buildTime) {}

  @Operation(
      summary = "Health of every component, with details",
      description =
          "The actuator's health document (status, components and their details: Kafka brokers,"
              + " the store's sink and compaction state, the stream processor's state and lag, the"
              + " metadata database). Always 200: the status is in the body. Any signed-in role.")
  @GetMapping("/health")
  HealthComponent health() {
    return health.health();
  }

  @Operation(
      summary = "The running version and git commit",
      description = "As in /actuator/info on the management port. Any signed-in role.")
  @GetMapping("/info")
  Info info() {
    return new Info(
        version.version(),
        version.commit(),
        version.commitTime(),
        version.dirty(),
        version.buildTime());
  }
}
