package io.waymark.eventlog;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Appends records to the Kafka log. A returned future completes only after Kafka acknowledged the
 * write with {@code acks=all}, which is what lets the collector acknowledge a client.
 */
public final class EventLog implements AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;

  public EventLog(String bootstrapServers, EventLogSettings settings) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            (int) settings.producerLinger().toMillis(),
            ProducerConfig.BATCH_SIZE_CONFIG,
            512 * 1024,
            ProducerConfig.BUFFER_MEMORY_CONFIG,
            256L * 1024 * 1024,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            (int) settings.deliveryTimeout().toMillis(),
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            (int)
                Math.min(
                    settings.deliveryTimeout().minus(settings.producerLinger()).toMillis() / 2,
                    10_000),
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            10_000,
            ProducerConfig.CLIENT_ID_CONFIG,
            "waymark-collector");
    this.producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Appends one record; the future fails with the Kafka error when the write is not durable. */
  public CompletableFuture<Void> append(String topic, byte[] key, byte[] value) {
    return append(topic, null, key, value);
  }

  /**
   * Appends one record with its event time as the record timestamp (null: now), so stream
   * processing runs in event time without parsing the value.
   */
  public CompletableFuture<Void> append(String topic, Long timestamp, byte[] key, byte[] value) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      producer.send(
          new ProducerRecord<>(topic, null, timestamp, key, value),
          (metadata, error) -> {
            if (error == null) {
              done.complete(null);
            } else {
              done.completeExceptionally(error);
            }
          });
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  /**
   * Appends many records; the one future completes when Kafka acknowledged all of them, or fails
   * with the first error. Cheaper than a future per record on the collector's batch path.
   */
  public CompletableFuture<Void> appendAll(
      String topic, long[] timestamps, byte[][] keys, byte[][] values) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (values.length == 0) {
      done.complete(null);
      return done;
    }
    AtomicInteger pending = new AtomicInteger(values.length);
    Callback callback =
        (metadata, error) -> {
          if (error != null) {
            done.completeExceptionally(error);
          } else if (pending.decrementAndGet() == 0) {
            done.complete(null);
          }
        };
    try {
      for (int i = 0; i < values.length; i++) {
        producer.send(
            new ProducerRecord<>(topic, null, timestamps[i], keys[i], values[i]), callback);
      }
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
