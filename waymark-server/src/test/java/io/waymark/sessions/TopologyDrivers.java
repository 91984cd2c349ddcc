package io.waymark.sessions;

import io.waymark.alerts.AlertRule;
import io.waymark.live.LiveRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The per-user topology on a {@link TopologyTestDriver}, with the default time rules. */
final class TopologyDrivers {

  private TopologyDrivers() {}

  static TopologyTestDriver start(
      String app, LiveRegistry live, Supplier<List<AlertRule>> rules, Instant wallStart) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return new TopologyTestDriver(
        SessionTopology.build(
            "events", "sessions", "quarantine", "alerts", StreamRules.defaults(), live, rules),
        p,
        wallStart);
  }

  static TestInputTopic<String, byte[]> events(TopologyTestDriver driver) {
    return driver.createInputTopic("events", new StringSerializer(), new ByteArraySerializer());
  }

  static TestOutputTopic<String, byte[]> output(TopologyTestDriver driver, String topic) {
    return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
