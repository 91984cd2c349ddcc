package io.waymark.eventlog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the event log lives. An empty {@code bootstrapServers} starts the embedded broker under the
 * data directory; otherwise Waymark connects to that external Kafka cluster.
 */
@ConfigurationProperties("waymark.kafka")
public record EventLogSettings(
    @DefaultValue("") String bootstrapServers,
    @DefaultValue("0") int embeddedPort,
    @DefaultValue("6") int partitions,
    @DefaultValue("1") short replicationFactor,
    @DefaultValue("events") String eventsTopic,
    @DefaultValue("quarantine") String quarantineTopic,
    @DefaultValue("sessions") String sessionsTopic,
    @DefaultValue("alerts") String alertsTopic,
    @DefaultValue("7d") Duration retention,
    @DefaultValue("2ms") Duration producerLinger,
    @DefaultValue("15s") Duration deliveryTimeout) {

  public boolean embedded() {
    return bootstrapServers.isBlank();
  }
}
