package io.waymark.store.clickhouse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real ClickHouse server (Debian's {@code clickhouse-server}) for the tests: started once per JVM
 * on free loopback ports with its own config and data under {@code target/}, stopped when the JVM
 * exits. Each test asks for a database of its own.
 */
final class ClickHouseServer {

  static final String USER = "waymark";
  static final String PASSWORD = "waymark-test-" + UUID.randomUUID().toString().substring(0, 8);

  private static ClickHouseServer shared;

  private final Path dir;
  private final Process process;
  private final int httpPort;
  private final int nativePort;
  private final long startMillis;
  private final AtomicInteger databases = new AtomicInteger();

  private ClickHouseServer(
      Path dir, Process process, int httpPort, int nativePort, long startMillis) {
    this.dir = dir;
    this.process = process;
    this.httpPort = httpPort;
    this.nativePort = nativePort;
    this.startMillis = startMillis;
  }

  /** The JVM's server, started on first use. */
  static synchronized ClickHouseServer shared() {
    if (shared == null) {
      shared = start();
      ClickHouseServer s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "clickhouse-test-server-stop"));
    }
    return shared;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + httpPort);
  }

  /** The native (TCP) protocol's port, which is not HTTP. */
  int nativePort() {
    return nativePort;
  }

  /** The server's CPU time so far (user + system), from /proc; -1 where there is no /proc. */
  long cpuMillis() {
    try {
      String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // clock ticks of 10 ms
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The server's files (config, data, logs). */
  Path dir() {
    return dir;
  }

  long startMillis() {
    return startMillis;
  }

  Path logFile() {
    return dir.resolve("log/clickhouse-server.log");
  }

  /** Settings for a fresh database (created by the store on first use). */
  ClickHouseSettings newDatabase() {
    return ClickHouseSettings.of(url(), USER, PASSWORD, freshName());
  }

  String freshName() {
    return "t" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
  }

  private static ClickHouseServer start() {
    Path binary = binary();
    Path target = Path.of("target").toAbsolutePath();
    IllegalStateException last = null;
    // Another process may take a port between choosing it and the server binding it: try again.
    for (int attempt = 1; attempt <= 3; attempt++) {
      Path dir;
      int[] ports;
      try {
        Files.createDirectories(target);
        dir = Files.createTempDirectory(target, "clickhouse-");
        ports = freePorts(3);
        writeConfig(dir, ports);
      } catch (IOException e) {
        throw new IllegalStateException("cannot prepare the ClickHouse test server's directory", e);
      }
      long started = System.nanoTime();
      Process p;
      try {
        p =
            new ProcessBuilder(binary.toString(), "--config-file=" + dir.resolve("config.xml"))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("log/stdout.log").toFile())
                .start();
      } catch (IOException e) {
        throw new IllegalStateException("cannot run " + binary, e);
      }
      ClickHouseServer server = new ClickHouseServer(dir, p, ports[0], ports[1], 0);
      try {
        long ms = server.awaitReady(Duration.ofSeconds(60), started);
        System.out.println(
            "ClickHouse test server on 127.0.0.1:"
                + ports[0]
                + " ready in "
                + ms
                + " ms ("
                + dir
                + ")");
        return new ClickHouseServer(dir, p, ports[0], ports[1], ms);
      } catch (IllegalStateException e) {
        p.destroyForcibly();
        last = e;
      }
    }
    throw last;
  }

  private long awaitReady(Duration max, long startedNanos) {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    long deadline = startedNanos + max.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the ClickHouse test server exited with "
                + process.exitValue()
                + "; its log: "
                + logs());
      }
      try {
        HttpResponse<String> r =
            client.send(
                HttpRequest.newBuilder(URI.create(url() + "/ping"))
                    .timeout(Duration.ofSeconds(1))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return (System.nanoTime() - startedNanos) / 1_000_000;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting ClickHouse", e);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting ClickHouse", e);
      }
    }
    throw new IllegalStateException(
        "the ClickHouse test server did not answer on "
            + url()
            + " within "
            + max
            + "; its log: "
            + logs());
  }

  private String logs() {
    return logFile() + " and " + dir.resolve("log/stdout.log");
  }

  void stop() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      }
      deleteTree(dir.resolve("data"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the next mvn clean removes it
    }
  }

  private static Path binary() {
    for (String candidate :
        List.of(
            "/usr/bin/clickhouse-server", "/usr/sbin/clickhouse-server", "/usr/bin/clickhouse")) {
      Path p = Path.of(candidate);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IllegalStateException(
        "clickhouse-server is not installed; the ClickHouse store's tests need it:"
            + " apt-get install clickhouse-server clickhouse-client (.ci/run installs them)");
  }

  private static int[] freePorts(int n) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }

  /**
   * A minimal config: the three ports on loopback, every path under {@code dir}, Debian's users.xml
   * plus a user with a password (so the tests check real authentication). Superseded parts leave
   * the disk after a second, not the default 8 minutes, so erasure tests see them go.
   */
  private static void writeConfig(Path dir, int[] ports) throws IOException {
    for (String sub : List.of("data", "tmp", "user_files", "log", "users.d")) {
      Files.createDirectories(dir.resolve(sub));
    }
    Path debianUsers = Path.of("/etc/clickhouse-server/users.xml");
    if (Files.exists(debianUsers)) {
      Files.copy(debianUsers, dir.resolve("users.xml"));
    } else {
      Files.writeString(
          dir.resolve("users.xml"),
          "<?xml version=\"1.0\"?><yandex><profiles><default/></profiles><users/>"
              + "<quotas><default/></quotas></yandex>");
    }
    Files.writeString(
        dir.resolve("users.d/waymark.xml"),
        """
        <?xml version="1.0"?>
        <yandex><users><%s>
          <password>%s</password>
          <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
          <profile>default</profile><quota>default</quota>
        </%s></users></yandex>
        """
            .formatted(USER, PASSWORD, USER));
    Files.writeString(
        dir.resolve("config.xml"),
        """
        <?xml version="1.0"?>
        <yandex>
          <logger>
            <level>information</level>
            <log>%1$s/log/clickhouse-server.log</log>
            <errorlog>%1$s/log/clickhouse-server.err.log</errorlog>
            <size>50M</size><count>1</count>
          </logger>
          <http_port>%2$d</http_port>
          <tcp_port>%3$d</tcp_port>
          <interserver_http_port>%4$d</interserver_http_port>
          <listen_host>127.0.0.1</listen_host>
          <path>%1$s/data/</path>
          <tmp_path>%1$s/tmp/</tmp_path>
          <user_files_path>%1$s/user_files/</user_files_path>
          <users_config>%1$s/users.xml</users_config>
          <default_profile>default</default_profile>
          <default_database>default</default_database>
          <mark_cache_size>268435456</mark_cache_size>
          <uncompressed_cache_size>268435456</uncompressed_cache_size>
          <max_concurrent_queries>50</max_concurrent_queries>
          <merge_tree><old_parts_lifetime>1</old_parts_lifetime></merge_tree>
        </yandex>
        """
            .formatted(dir, ports[0], ports[1], ports[2]));
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
