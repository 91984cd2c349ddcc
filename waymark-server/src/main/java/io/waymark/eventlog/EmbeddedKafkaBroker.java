package io.waymark.eventlog;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker running inside the Waymark process, with its data under the
 * data directory. It is the whole of Waymark's dependency on Kafka's server code: pointing {@code
 * waymark.kafka.bootstrap-servers} at an external cluster replaces it.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;

  private final KafkaRaftServer server;
  private final int port;

  private EmbeddedKafkaBroker(KafkaRaftServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Formats {@code dir} on first use and starts the broker; returns once it accepts clients. */
  public static EmbeddedKafkaBroker start(Path dir, int port, int partitions) {
    try {
      Files.createDirectories(dir);
      int[] free = freePorts(port); // two distinct ports: both sockets are held while picking
      int brokerPort = port > 0 ? port : free[0];
      int controllerPort = free[1];
      Properties props = config(dir, brokerPort, controllerPort, partitions);
      if (!Files.exists(dir.resolve("meta.properties"))) {
        format(dir);
      }
      long started = System.nanoTime();
      KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
      server.startup();
      log.info(
          "embedded Kafka broker ready on 127.0.0.1:{} in {} ms (data {})",
          brokerPort,
          (System.nanoTime() - started) / 1_000_000,
          dir);
      return new EmbeddedKafkaBroker(server, brokerPort);
    } catch (Exception e) {
      throw new IllegalStateException(
          "could not start the embedded Kafka broker in "
              + dir
              + ": "
              + e.getMessage()
              + ". If another Waymark process uses this data directory, stop it or choose"
              + " another --waymark.data-dir.",
          e);
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  private static Properties config(Path dir, int brokerPort, int controllerPort, int partitions) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dir.toString());
    p.put("num.partitions", String.valueOf(partitions));
    p.put("auto.create.topics.enable", "false");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "6");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "4");
    return p;
  }

  private static void format(Path dir) throws Exception {
    new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
        .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
        .setClusterId(Uuid.randomUuid().toString())
        .setNodeId(NODE_ID)
        .setDirectories(List.of(dir.toString()))
        .setMetadataLogDirectory(dir.toString())
        .setReleaseVersion(MetadataVersion.latestProduction())
        .setControllerListenerName("CONTROLLER")
        .run();
    log.info("formatted new embedded Kafka storage in {}", dir);
  }

  /**
   * Two free loopback ports, neither of them {@code taken}. Both sockets stay open until both are
   * picked: one closed before the other was bound could be handed out twice, and the broker then
   * refuses two listeners on one port.
   */
  private static int[] freePorts(int taken) throws IOException {
    try (ServerSocket a = bound();
        ServerSocket b = bound();
        ServerSocket c = bound()) {
      return java.util.stream.IntStream.of(a.getLocalPort(), b.getLocalPort(), c.getLocalPort())
          .filter(p -> p != taken)
          .limit(2)
          .toArray();
    }
  }

  private static ServerSocket bound() throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress("127.0.0.1", 0));
    return s;
  }
}
