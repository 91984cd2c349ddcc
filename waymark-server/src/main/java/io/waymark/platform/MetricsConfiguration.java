package io.waymark.platform;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps a Prometheus scrape small. The Kafka clients and Kafka Streams publish metrics per
 * partition, per topic and per stream task (each task is a partition): one instance with six
 * partitions rendered about 1,300 such series, and they grow with every partition added. Those
 * meters are dropped; the backlog they describe is summed in Waymark's own gauges ({@code
 * waymark_stream_lag_events}, {@code waymark_store_sink_lag_records}), and the clients' and stream
 * threads' own metrics stay (decision 45).
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

  /** Tag keys (as Micrometer names them) that make a Kafka meter per partition, topic or task. */
  static final Set<String> PER_PARTITION_TAGS = Set.of("partition", "topic", "task.id");

  @Bean
  MeterFilter perPartitionKafkaMeters() {
    return MeterFilter.deny(MetricsConfiguration::perPartitionKafka);
  }

  static boolean perPartitionKafka(Meter.Id id) {
    return id.getName().startsWith("kafka.")
        && id.getTags().stream().anyMatch(t -> PER_PARTITION_TAGS.contains(t.getKey()));
  }
}
