package io.waymark.eventlog;

import io.waymark.platform.DataDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the event log: the embedded broker when no external cluster is configured. */
@Configuration(proxyBeanMethods = false)
class EventLogConfiguration {

  @Bean
  KafkaEndpoint kafkaEndpoint(EventLogSettings settings, DataDirectory dataDir) {
    if (!settings.embedded()) {
      Topics.ensure(settings.bootstrapServers(), settings);
      return new KafkaEndpoint(settings.bootstrapServers(), null);
    }
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(
            dataDir.resolve("kafka"), settings.embeddedPort(), settings.partitions());
    Topics.ensure(broker.bootstrapServers(), settings);
    return new KafkaEndpoint(broker.bootstrapServers(), broker);
  }

  @Bean(name = "kafkaHealthIndicator", destroyMethod = "close")
  KafkaHealth kafkaHealthIndicator(KafkaEndpoint endpoint, EventLogSettings settings) {
    return new KafkaHealth(endpoint.bootstrapServers(), settings.embedded());
  }

  @Bean(destroyMethod = "close")
  EventLog eventLog(KafkaEndpoint endpoint, EventLogSettings settings) {
    return new EventLog(endpoint.bootstrapServers(), settings);
  }
}
