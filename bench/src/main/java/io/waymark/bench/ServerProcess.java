package io.waymark.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Waymark server started as a child process on loopback, with random keys and free ports.
 *
 * <p>A shutdown hook stops it if the benchmark dies, so no server outlives its benchmark.
 */
final class ServerProcess implements AutoCloseable {

  static final Duration STOP_GRACE = Duration.ofSeconds(20);
  static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Process process;
  private final int port;
  private final int collectorPort;
  private final int managementPort;
  private final String ingestKey;
  private final String adminKey;
  private final Path log;
  private final Thread hook;

  private ServerProcess(
      Process process,
      int port,
      int collectorPort,
      int managementPort,
      String ingestKey,
      String adminKey,
      Path log) {
    this.process = process;
    this.port = port;
    this.collectorPort = collectorPort;
    this.managementPort = managementPort;
    this.ingestKey = ingestKey;
    this.adminKey = adminKey;
    this.log = log;
    this.hook = new Thread(this::stop, "stop-waymark-server");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts the server on {@code dataDir}; call {@link #awaitReady} before sending load. */
  static ServerProcess start(Path java, Path serverJar, Path dataDir) throws IOException {
    return start(java, serverJar, dataDir, List.of());
  }

  /** As {@link #start(Path, Path, Path)}, with more {@code --name=value} server arguments. */
  static ServerProcess start(Path java, Path serverJar, Path dataDir, List<String> extraArgs)
      throws IOException {
    Files.createDirectories(dataDir);
    int port = freePort();
    int collectorPort = freePort();
    while (collectorPort == port) {
      collectorPort = freePort();
    }
    int managementPort = freePort();
    while (managementPort == port || managementPort == collectorPort) {
      managementPort = freePort();
    }
    String ingestKey = "wm_ingest_" + randomHex(16);
    String adminKey = "wm_admin_" + randomHex(16);
    Path log = dataDir.resolve("server.log");
    // Both listeners on loopback: a benchmark server must not be reachable from the network.
    var command = new java.util.ArrayList<String>();
    command.add(java.toString());
    command.addAll(jvmOptions(System.getenv("WAYMARK_JAVA_OPTS")));
    command.addAll(
        new java.util.ArrayList<>(
            List.of(
                "-jar",
                serverJar.toAbsolutePath().toString(),
                "--waymark.data-dir=" + dataDir.toAbsolutePath(),
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--waymark.collector.host=127.0.0.1",
                "--waymark.collector.port=" + collectorPort,
                "--management.server.port=" + managementPort,
                "--waymark.collector.rate-limit.events-per-second=1000000000",
                "--waymark.collector.rate-limit.burst=1000000000")));
    command.addAll(extraArgs);
    var builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("WAYMARK_INGEST_KEY", ingestKey);
    builder.environment().put("WAYMARK_ADMIN_KEY", adminKey);
    builder.environment().put("WAYMARK_ADMIN_PASSWORD", randomHex(12));
    return new ServerProcess(
        builder.start(), port, collectorPort, managementPort, ingestKey, adminKey, log);
  }

  /**
   * The server's JVM options: those {@code ./waymark run} uses by default, or {@code
   * WAYMARK_JAVA_OPTS} (split at spaces) when set, as it is for {@code ./waymark run}.
   */
  static List<String> jvmOptions(String override) {
    if (override != null && !override.isBlank()) {
      return List.of(override.trim().split("\\s+"));
    }
    return DEFAULT_JVM_OPTIONS;
  }

  /**
   * As ./waymark run: heap, collector and its region size (decision 38), processing threads at nice
   * 10 (decision 35).
   */
  static final List<String> DEFAULT_JVM_OPTIONS =
      List.of(
          "-Xmx4g",
          "-XX:+UseG1GC",
          "-XX:G1HeapRegionSize=16m",
          "-XX:ThreadPriorityPolicy=1",
          "-XX:JavaPriority1_To_OSPriority=10");

  /** Polls the main port's health status until it answers 200; fails early if the server exits. */
  Duration awaitReady(PrintStream out) throws IOException, InterruptedException {
    return awaitReady(out, READY_TIMEOUT);
  }

  /** As {@link #awaitReady(PrintStream)}, waiting at most {@code timeout}. */
  Duration awaitReady(PrintStream out, Duration timeout) throws IOException, InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
            .timeout(Duration.ofSeconds(5))
            .build();
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw failure("exited with code " + process.exitValue() + " before it was ready");
        }
        try {
          if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            out.printf("server ready in %.1f s (pid %d)%n", took.toMillis() / 1000.0, pid());
            return took;
          }
        } catch (IOException notYetListening) {
          // keep polling until the deadline
        }
        Thread.sleep(250);
      }
    }
    throw failure("was not healthy after " + timeout.toSeconds() + " s");
  }

  /** Stops gracefully (SIGTERM), forcibly after {@link #STOP_GRACE}; idempotent. */
  void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run; nothing to remove
    }
  }

  /** Resident memory of the server process, from /proc/&lt;pid&gt;/status. */
  Optional<Long> rssBytes() {
    return MachineInfo.procField(Path.of("/proc", Long.toString(pid()), "status"), "VmRSS")
        .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) * 1024);
  }

  /** CPU time (user + system) the server process has used so far. */
  Optional<Duration> cpuTime() {
    return process.info().totalCpuDuration();
  }

  long pid() {
    return process.pid();
  }

  int port() {
    return port;
  }

  int collectorPort() {
    return collectorPort;
  }

  /** The actuator's port (metrics, health details), on loopback. */
  int managementPort() {
    return managementPort;
  }

  String ingestKey() {
    return ingestKey;
  }

  String adminKey() {
    return adminKey;
  }

  Path log() {
    return log;
  }

  private IOException failure(String what) {
    String tail;
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      tail = "(log unreadable: " + e.getMessage() + ")";
    }
    return new IOException(
        "Waymark server " + what + "; its log is " + log + ", last lines:\n" + tail);
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
