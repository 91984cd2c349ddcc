package io.waymark.sessions;

import io.waymark.alerts.AlertRule;
import io.waymark.live.LiveRegistry;
import io.waymark.vault.SubjectVault;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the per-user topology: events in (keyed by the subject's pseudonym, sealed with the
 * subject's key from {@code vault}, as every output and state entry is); closed sessions and alerts
 * out; live figures into the instance's {@link LiveRegistry}. Alert rules are read from {@code
 * rules} on every event, so rule changes apply without a restart.
 */
public final class SessionTopology {

  private SessionTopology() {}

  public static Topology build(
      String eventsTopic,
      String sessionsTopic,
      String alertsTopic,
      StreamRules timeRules,
      LiveRegistry live,
      Supplier<List<AlertRule>> rules,
      SubjectVault vault) {
    return build(
        eventsTopic, sessionsTopic, alertsTopic, timeRules, live, rules, vault, latency -> {});
  }

  /**
   * As above; {@code alertLatencyMillis} is told, for every alert, the time from its triggering
   * event's arrival at the collector to the alert's detection.
   */
  public static Topology build(
      String eventsTopic,
      String sessionsTopic,
      String alertsTopic,
      StreamRules timeRules,
      LiveRegistry live,
      Supplier<List<AlertRule>> rules,
      SubjectVault vault,
      LongConsumer alertLatencyMillis) {
    Topology t = new Topology();
    t.addSource("events", new StringDeserializer(), new ByteArrayDeserializer(), eventsTopic);
    t.addProcessor(
        "sessionizer",
        () -> new SessionProcessor(timeRules, live, rules, vault, alertLatencyMillis),
        "events");
    t.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SessionProcessor.SESSIONS_STORE),
                Serdes.String(),
                Serdes.ByteArray())
            .withCachingDisabled(),
        "sessionizer");
    t.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SessionProcessor.EXPIRY_STORE),
                Serdes.String(),
                Serdes.ByteArray())
            .withCachingDisabled(),
        "sessionizer");
    t.addSink(
        SessionProcessor.SESSIONS_SINK,
        sessionsTopic,
        new StringSerializer(),
        new ByteArraySerializer(),
        "sessionizer");
    t.addSink(
        SessionProcessor.ALERTS_SINK,
        alertsTopic,
        new StringSerializer(),
        new ByteArraySerializer(),
        "sessionizer");
    return t;
  }
}
