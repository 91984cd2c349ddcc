package io.waymark.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How far this instance's store sink is behind the log: for each partition the sink owns, the log's
 * end offset minus the next offset the store has not yet written. It is computed from the log's end
 * when asked (not from the sink consumer's fetch metrics), so it keeps growing while the sink waits
 * on a failing store, which is when on-call needs it most.
 */
final class SinkLag implements AutoCloseable {

  private final Map<TopicPartition, Long> nextToWrite = new ConcurrentHashMap<>();
  private final String bootstrapServers;
  private KafkaConsumer<byte[], byte[]> offsets; // only for end offsets; guarded by this

  SinkLag(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** The sink now owns {@code tp} and will write from {@code next} (null: the log's start). */
  void assigned(TopicPartition tp, Long next) {
    nextToWrite.put(tp, next == null ? -1L : next);
  }

  void revoked(Collection<TopicPartition> partitions) {
    partitions.forEach(nextToWrite::remove);
  }

  /** The store has written everything before these offsets (a batch's next offsets). */
  void written(Map<String, Map<Integer, Long>> next) {
    next.forEach(
        (topic, parts) ->
            parts.forEach(
                (p, offset) ->
                    nextToWrite.computeIfPresent(new TopicPartition(topic, p), (k, v) -> offset)));
  }

  /** Records not yet in the store; NaN when the log did not answer within 2 s. */
  synchronized double lag() {
    if (nextToWrite.isEmpty()) {
      return 0;
    }
    try {
      if (offsets == null) {
        offsets =
            new KafkaConsumer<>(
                Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrapServers,
                    ConsumerConfig.CLIENT_ID_CONFIG,
                    "waymark-store-sink-lag",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    "read_committed"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
      }
      Map<TopicPartition, Long> next = Map.copyOf(nextToWrite);
      Map<TopicPartition, Long> end = offsets.endOffsets(next.keySet(), Duration.ofSeconds(2));
      List<TopicPartition> fromStart = new ArrayList<>();
      next.forEach(
          (tp, n) -> {
            if (n < 0) {
              fromStart.add(tp);
            }
          });
      Map<TopicPartition, Long> start =
          fromStart.isEmpty()
              ? Map.of()
              : offsets.beginningOffsets(fromStart, Duration.ofSeconds(2));
      long sum = 0;
      for (var e : next.entrySet()) {
        long from = e.getValue() < 0 ? start.getOrDefault(e.getKey(), 0L) : e.getValue();
        sum += Math.max(0, end.getOrDefault(e.getKey(), from) - from);
      }
      return sum;
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  @Override
  public synchronized void close() {
    if (offsets != null) {
      offsets.close(Duration.ofSeconds(2));
    }
  }
}
