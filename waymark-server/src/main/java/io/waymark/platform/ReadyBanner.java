package io.waymark.platform;

import io.waymark.operations.VersionInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells the person who started Waymark where to find it and its first credentials. */
@Component
class ReadyBanner {

  private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);

  private final DataDirectory dataDir;
  private final VersionInfo version;

  ReadyBanner(DataDirectory dataDir, VersionInfo version) {
    this.dataDir = dataDir;
    this.version = version;
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    Environment env = event.getApplicationContext().getEnvironment();
    String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
    String collector = env.getProperty("waymark.collector.port", "8081");
    String management =
        env.getProperty("local.management.port", env.getProperty("management.server.port", port));
    Path credentials = dataDir.resolve("initial-credentials.txt");
    log.info(
        "Waymark {} is ready at http://localhost:{} (API docs /swagger-ui.html; collector port {};"
            + " health details and metrics on port {} under /actuator; data in {}).{}",
        version.describe(),
        port,
        collector,
        management,
        dataDir.root(),
        Files.exists(credentials)
            ? " Initial credentials: " + credentials
            : " Credentials come from WAYMARK_ADMIN_PASSWORD / WAYMARK_INGEST_KEY / WAYMARK_ADMIN_KEY.");
  }
}
