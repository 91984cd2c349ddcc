package io.waymark;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The packaged server ({@code target/waymark-server.jar}) as a process of its own on loopback
 * ports, for tests that stop or restart it.
 */
public record ServerProcess(
    Process process,
    int port,
    WaymarkClient api,
    WaymarkClient collector,
    WaymarkClient management) {

  public static final String INGEST = "wm_ingest_proc0000000000000000000000000001";
  public static final String ADMIN = "wm_admin_proc00000000000000000000000000001";
  public static final String ADMIN_PASSWORD = "process-admin-password";

  /** Starts a server on {@code dataDir} with extra {@code --name=value} arguments; waits for it. */
  public static ServerProcess start(Path dataDir, String... extra) throws IOException {
    int port = freePort();
    int collectorPort = freePort();
    int managementPort = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx768m",
            "-jar",
            new File("target/waymark-server.jar").getAbsolutePath(),
            "--waymark.data-dir=" + dataDir,
            "--server.port=" + port,
            "--server.address=127.0.0.1",
            "--waymark.collector.port=" + collectorPort,
            "--waymark.collector.host=127.0.0.1",
            "--management.server.port=" + managementPort,
            "--waymark.store.memory-limit=256MB");
    pb.command().addAll(List.of(extra));
    pb.environment().put("WAYMARK_INGEST_KEY", INGEST);
    pb.environment().put("WAYMARK_ADMIN_KEY", ADMIN);
    pb.environment().put("WAYMARK_ADMIN_PASSWORD", ADMIN_PASSWORD);
    pb.redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()));
    Process p = pb.start();
    WaymarkClient api = new WaymarkClient("http://127.0.0.1:" + port);
    try {
      await()
          .atMost(Duration.ofSeconds(300)) // a loaded shared machine starts slowly
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .until(() -> !p.isAlive() || api.get("/actuator/health", null).status() == 200);
    } catch (RuntimeException e) {
      p.destroyForcibly();
      throw e;
    }
    if (!p.isAlive()) {
      throw new IllegalStateException("the server exited at start; see " + dataDir + "/server.log");
    }
    return new ServerProcess(
        p,
        port,
        api,
        new WaymarkClient("http://127.0.0.1:" + collectorPort),
        new WaymarkClient("http://127.0.0.1:" + managementPort));
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
