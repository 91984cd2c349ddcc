package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waymark.eventlog.EmbeddedKafkaBroker;
import io.waymark.events.QuarantinedItem;
import io.waymark.vault.SubjectVault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store sink's lag ({@code waymark_store_sink_lag_records}) against a real broker: what is on
 * the log and not yet in the store, whether still unread or read and waiting to be written. The
 * store here only records what it is given and can be held, because the lag, not the store, is
 * under test.
 */
class StoreSinkLagIT {

  @TempDir Path dir;
  EmbeddedKafkaBroker broker;
  SubjectVault vault;
  HeldStore store;
  StoreSink sink;

  @BeforeEach
  void start() throws Exception {
    broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, 2);
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic("events", 2, (short) 1),
                  new NewTopic("quarantine", 1, (short) 1),
                  new NewTopic("sessions", 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    vault = SubjectVault.open(Files.createDirectories(dir.resolve("vault")));
    store = new HeldStore();
    // Ten records per poll and per write, so a held write leaves most of the log unread.
    StoreSettings settings =
        new StoreSettings(
            "",
            1,
            "auto",
            "256MB",
            10,
            Duration.ofMillis(50),
            10,
            Duration.ofMillis(100),
            true,
            new StoreSettings.Compaction("", 0, Duration.ofMinutes(1), 0),
            new StoreSettings.Recent(false, Duration.ofDays(8), 0));
    sink =
        new StoreSink(
            store,
            broker.bootstrapServers(),
            "events",
            "quarantine",
            "sessions",
            "lag-test",
            settings,
            vault);
  }

  @AfterEach
  void stop() {
    store.release();
    sink.close();
    vault.close();
    broker.close();
  }

  @Test
  void countsWhatTheStoreHasNotWrittenAndKeepsCountingWhileTheStoreIsStuck() {
    store.hold();
    sink.start();
    produce(100, 0);

    // The sink has read one batch of 10 and waits on the store; 90 more are still in Kafka.
    await().atMost(Duration.ofSeconds(30)).until(() -> store.attempts.get() >= 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(sink.lag()).isEqualTo(100.0));

    // While the store is stuck, newly logged records still count.
    produce(50, 100);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(sink.lag()).isEqualTo(150.0));
    assertThat(store.written.get()).isZero();

    store.release();
    await().atMost(Duration.ofSeconds(30)).until(() -> store.written.get() == 150);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sink.lag()).isZero());
  }

  private void produce(int n, int first) {
    try (KafkaProducer<byte[], byte[]> p =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (int i = first; i < first + n; i++) {
        // Not an encoded event: the sink quarantines it as undecodable, which is still a write.
        p.send(
            new ProducerRecord<>(
                "events",
                ("user-" + i).getBytes(StandardCharsets.US_ASCII),
                ("record " + i).getBytes(StandardCharsets.UTF_8)));
      }
      p.flush();
    }
  }

  /** Accepts writes (counting their records) unless held; remembers no offsets. */
  static final class HeldStore implements AnalyticalStore {
    final AtomicInteger attempts = new AtomicInteger();
    final AtomicInteger written = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    void hold() {
      gate = new CountDownLatch(1);
    }

    void release() {
      gate.countDown();
    }

    @Override
    public void write(SinkBatch batch) {
      attempts.incrementAndGet();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted", e);
      }
      written.addAndGet(batch.events().size() + batch.quarantine().size());
    }

    @Override
    public Map<String, Map<Integer, Long>> committedOffsets() {
      return Map.of();
    }

    @Override
    public long deleteQuarantineBefore(long beforeMillis) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<UserSummary> findUsers(String prefix, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<UserSummary> user(String userKey) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<io.waymark.events.Event> userEvents(
        String userKey, long fromMillis, long toMillis, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<io.waymark.events.Event> userEventsBefore(
        String userKey, EventCursor before, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<String> linkedAnonymousIds(String userId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<io.waymark.sessions.SessionRecord> userSessions(
        String userKey, long fromMillis, long toMillis, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<QuarantinedItem> quarantine(
        QuarantineFilter filter, EventCursor before, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<QuarantinedItem> quarantineItem(UUID id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long countPersonal(PersonalTable table, List<String> identities) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long erasePersonal(PersonalTable table, List<String> identities) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void purgeDeleted() {}

    @Override
    public void ping() {}

    @Override
    public void close() {}
  }
}
