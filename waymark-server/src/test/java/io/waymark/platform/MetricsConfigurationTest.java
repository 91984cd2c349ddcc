package io.waymark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MetricsConfigurationTest {

  private final MeterRegistry registry = new SimpleMeterRegistry();

  {
    registry.config().meterFilter(new MetricsConfiguration().perPartitionKafkaMeters());
  }

  private boolean kept(String name, String... tags) {
    Gauge.builder(name, () -> 1).tags(tags).register(registry);
    return registry.find(name).tags(tags).gauge() != null;
  }

  @Test
  void dropsKafkaMetersPerPartitionTopicOrStreamTask() {
    assertThat(
            kept(
                "kafka.consumer.fetch.manager.records.lag",
                "client.id",
                "c1",
                "topic",
                "events",
                "partition",
                "3"))
        .isFalse();
    assertThat(kept("kafka.producer.topic.record.send.total", "client.id", "p1", "topic", "events"))
        .isFalse();
    assertThat(
            kept(
                "kafka.stream.state.put.rate",
                "thread.id",
                "t1",
                "task.id",
                "0_3",
                "rocksdb.state.id",
                "user-sessions"))
        .isFalse();
  }

  @Test
  void keepsClientAndThreadMetersAndEverythingElse() {
    assertThat(kept("kafka.consumer.coordinator.rebalance.total", "client.id", "c1")).isTrue();
    assertThat(kept("kafka.stream.thread.process.rate", "thread.id", "t1")).isTrue();
    // Waymark's own meters may use these tag names: only Kafka's meters are filtered.
    assertThat(kept("waymark.export.runs", "topic", "x", "partition", "1")).isTrue();
  }
}
