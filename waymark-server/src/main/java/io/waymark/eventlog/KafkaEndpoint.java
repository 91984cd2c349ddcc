package io.waymark.eventlog;

/**
 * How the rest of Waymark reaches Kafka: the bootstrap servers, and the embedded broker (if any),
 * which is closed last, after every client.
 */
public record KafkaEndpoint(String bootstrapServers, EmbeddedKafkaBroker embeddedBroker)
    implements AutoCloseable {

  @Override
  public void close() {
    if (embeddedBroker != null) {
      embeddedBroker.close();
    }
  }
}
