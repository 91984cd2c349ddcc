package io.waymark.sessions;

import io.waymark.alerts.AlertRule;
import io.waymark.events.Event;
import io.waymark.events.EventCodec;
import io.waymark.live.LiveRegistry;
import io.waymark.vault.EraseMarker;
import io.waymark.vault.SubjectVault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The per-user topology on a {@link TopologyTestDriver} with the default time rules and a real
 * subject vault in a temporary folder: events go in keyed by pseudonym and sealed, as the collector
 * writes them, and outputs and state are opened with the vault.
 */
final class TopologyDrivers implements AutoCloseable {

  final TopologyTestDriver driver;
  final SubjectVault vault;
  private final Path vaultDir;
  private final TestInputTopic<String, byte[]> events;

  private TopologyDrivers(TopologyTestDriver driver, SubjectVault vault, Path vaultDir) {
    this.driver = driver;
    this.vault = vault;
    this.vaultDir = vaultDir;
    this.events =
        driver.createInputTopic("events", new StringSerializer(), new ByteArraySerializer());
  }

  static TopologyDrivers start(
      String app, LiveRegistry live, Supplier<List<AlertRule>> rules, Instant wallStart) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try {
      Path dir = Files.createTempDirectory("waymark-vault-");
      SubjectVault vault = SubjectVault.open(dir);
      TopologyTestDriver driver =
          new TopologyTestDriver(
              SessionTopology.build(
                  "events", "sessions", "alerts", StreamRules.defaults(), live, rules, vault),
              p,
              wallStart);
      return new TopologyDrivers(driver, vault, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends the event as the collector does, with its event time as the record time. */
  void send(Event e) {
    send(e, e.timestamp());
  }

  void send(Event e, long recordTime) {
    String p = vault.pseudonym(e.userKey());
    events.pipeInput(p, vault.seal(p, EventCodec.encode(e)), recordTime);
  }

  /** Appends an erasure's marker for the user, as the privacy module does. */
  void eraseMarker(String userKey, long recordTime) {
    events.pipeInput(vault.pseudonym(userKey), EraseMarker.value(), recordTime);
  }

  /** The opened values written to an output topic since the last read. */
  List<byte[]> read(String topic) {
    return driver
        .createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer())
        .readKeyValuesToList()
        .stream()
        .map(kv -> vault.open(kv.key, kv.value))
        .toList();
  }

  /** The user's state entry as stored (sealed), or null. */
  byte[] storedState(String userKey) {
    return (byte[])
        driver.getKeyValueStore(SessionProcessor.SESSIONS_STORE).get(vault.pseudonym(userKey));
  }

  /** The user's state entry opened, or null when there is none. */
  byte[] state(String userKey) {
    byte[] stored = storedState(userKey);
    return stored == null ? null : vault.open(vault.pseudonym(userKey), stored);
  }

  @Override
  public void close() {
    driver.close();
    vault.close();
    try (Stream<Path> files = Files.walk(vaultDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
