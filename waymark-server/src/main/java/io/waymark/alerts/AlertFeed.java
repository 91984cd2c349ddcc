package io.waymark.alerts;

import io.waymark.vault.SubjectVault;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@code alerts} topic. In the consumer group (one instance per alert) it stores each
 * alert once and hands new ones to the webhooks, committing offsets only after that, so no alert is
 * lost across a crash. With {@link #live} it instead reads every partition from the end, so every
 * instance can push every alert to its own subscribers.
 */
final class AlertFeed implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Consumer<Alert> handler;
  private final SubjectVault vault;
  private final Thread thread;
  private volatile boolean running = true;

  private AlertFeed(
      KafkaConsumer<byte[], byte[]> consumer,
      Consumer<Alert> handler,
      String name,
      Runnable sub,
      SubjectVault vault) {
    this.consumer = consumer;
    this.vault = vault;
    this.handler = handler;
    sub.run();
    this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
  }

  /** The group reader: stores alerts and starts their webhook deliveries. */
  static AlertFeed durable(
      String bootstrap,
      String topic,
      String instanceId,
      AlertStore store,
      Webhooks webhooks,
      Clock clock,
      SubjectVault vault) {
    // Static membership and a short session timeout: a restarted instance takes its partitions
    // back at once instead of waiting for its dead predecessor to time out.
    KafkaConsumer<byte[], byte[]> c =
        consumer(
            bootstrap,
            Map.of(
                ConsumerConfig.GROUP_ID_CONFIG,
                "waymark-alerts",
                ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                "waymark-alerts-" + instanceId.replaceAll("[^A-Za-z0-9._-]", "-"),
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                10_000,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                OffsetResetStrategy.EARLIEST.toString(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false));
    Consumer<Alert> h =
        a -> {
          if (store.save(a, clock.millis())) {
            webhooks.enqueue(a);
          }
        };
    return new AlertFeed(c, h, "waymark-alert-store", () -> c.subscribe(List.of(topic)), vault);
  }

  /** The per-instance reader: pushes alerts as they arrive to this instance's subscribers. */
  static AlertFeed live(String bootstrap, String topic, Consumer<Alert> push, SubjectVault vault) {
    KafkaConsumer<byte[], byte[]> c = consumer(bootstrap, Map.of());
    return new AlertFeed(
        c,
        push,
        "waymark-alert-push",
        () -> {
          List<TopicPartition> parts =
              c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                  .map(p -> new TopicPartition(topic, p.partition()))
                  .toList();
          c.assign(parts);
          c.seekToEnd(parts);
          parts.forEach(c::position); // resolve the end now, not at the first poll
        },
        vault);
  }

  void start() {
    thread.start();
  }

  private static KafkaConsumer<byte[], byte[]> consumer(
      String bootstrap, Map<String, Object> extra) {
    Map<String, Object> p =
        new java.util.HashMap<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                500,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "waymark-alerts-" + UUID.randomUUID()));
    p.putAll(extra);
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private void run() {
    while (running) {
      try {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          handle(r);
        }
        if (consumer.subscription().size() > 0) {
          consumer.commitSync();
        }
      } catch (WakeupException e) {
        break;
      } catch (RuntimeException e) {
        log.error(
            "alert feed {} failed (alerts stay on the topic and are read again); retrying in 1 s",
            thread.getName(),
            e);
        rewind();
        pause();
      }
    }
    consumer.close(Duration.ofSeconds(5));
  }

  private void handle(ConsumerRecord<byte[], byte[]> r) {
    Alert a;
    try {
      byte[] value =
          vault.open(
              r.key() == null ? null : new String(r.key(), StandardCharsets.US_ASCII), r.value());
      if (value == null) {
        return; // the user was erased before the alert was stored
      }
      a = AlertCodec.decode(value);
    } catch (IllegalArgumentException bad) {
      log.error(
          "skipping undecodable alert at {}-{} offset {}: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          bad.getMessage());
      return;
    }
    handler.accept(a);
  }

  /** Goes back to the last committed offsets, so what failed is read again. */
  private void rewind() {
    if (consumer.subscription().isEmpty()) {
      return;
    }
    try {
      Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
          consumer.committed(consumer.assignment());
      for (TopicPartition tp : consumer.assignment()) {
        var offset = committed.get(tp);
        if (offset == null) {
          consumer.seekToBeginning(List.of(tp));
        } else {
          consumer.seek(tp, offset.offset());
        }
      }
    } catch (RuntimeException e) {
      log.warn("could not rewind the alert feed: {}", e.getMessage());
    }
  }

  private static void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
