package io.waymark.store;

import io.waymark.events.Event;
import io.waymark.events.EventCodec;
import io.waymark.events.QuarantineCodec;
import io.waymark.events.QuarantinedItem;
import io.waymark.sessions.SessionCodec;
import io.waymark.sessions.SessionRecord;
import io.waymark.vault.EraseMarker;
import io.waymark.vault.SubjectVault;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the event, quarantine and session topics into the analytical store. Offsets live in the
 * store, written in the same transaction as the rows, so after a crash the sink resumes exactly
 * where the store's last commit ended: nothing lost, nothing written twice.
 */
public final class StoreSink implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StoreSink.class);

  private final AnalyticalStore store;
  private final SubjectVault vault;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String eventsTopic;
  private final String quarantineTopic;
  private final String sessionsTopic;
  private final Duration pollTimeout;
  private final int minBatch;
  private final long lingerNanos;
  private final Thread thread;
  private final SinkLag lag;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong flushesStarted = new AtomicLong();
  private final AtomicLong flushesDone = new AtomicLong();
  private final AtomicLong lastWriteMillis = new AtomicLong();
  private volatile boolean running = true;
  private volatile String lastError;

  public StoreSink(
      AnalyticalStore store,
      String bootstrapServers,
      String eventsTopic,
      String quarantineTopic,
      String sessionsTopic,
      String instanceId,
      StoreSettings settings,
      SubjectVault vault) {
    this.store = store;
    this.vault = vault;
    this.eventsTopic = eventsTopic;
    this.quarantineTopic = quarantineTopic;
    this.sessionsTopic = sessionsTopic;
    this.pollTimeout = settings.sinkPollTimeout();
    this.minBatch = settings.sinkMinBatch();
    this.lingerNanos = settings.sinkLinger().toNanos();
    this.lag = new SinkLag(bootstrapServers);
    this.consumer =
        new KafkaConsumer<>(
            Map.ofEntries(
                Map.entry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                Map.entry(ConsumerConfig.GROUP_ID_CONFIG, "waymark-store-sink"),
                // Static membership: after a crash the restarted sink gets its partitions back at
                // once instead of waiting for the dead member's session to time out.
                Map.entry(
                    ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                    "waymark-store-sink-" + instanceId.replaceAll("[^A-Za-z0-9._-]", "-")),
                Map.entry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000),
                Map.entry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                Map.entry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Map.entry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.sinkMaxBatch()),
                Map.entry(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024),
                Map.entry(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024),
                Map.entry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    this.thread =
        Thread.ofPlatform()
            .name("waymark-store-sink")
            .priority(io.waymark.platform.BackgroundPriority.processing())
            .unstarted(this::run);
  }

  public void start() {
    consumer.subscribe(List.of(eventsTopic, quarantineTopic, sessionsTopic), new ResumeFromStore());
    thread.start();
  }

  /** Events written to the store since start. */
  public long written() {
    return written.get();
  }

  /** Records on the log not yet written to the store, of the partitions this sink owns. */
  public double lag() {
    return lag.lag();
  }

  /** The last write failure, or null when the last write succeeded. */
  public String lastError() {
    return lastError;
  }

  /**
   * Records read but not yet written. Several polls are gathered into one store transaction (up to
   * {@code sinkMinBatch} records or {@code sinkLinger} after the first): each DuckDB commit has a
   * fixed cost, so fewer, larger writes keep up with more events on the same cores.
   */
  private final List<ConsumerRecord<byte[], byte[]>> pending = new ArrayList<>();

  private long pendingSinceNanos;

  private void run() {
    while (running) {
      try {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout);
        if (!records.isEmpty()) {
          if (pending.isEmpty()) {
            pendingSinceNanos = System.nanoTime();
          }
          records.forEach(pending::add);
        }
        if (!pending.isEmpty()
            && (pending.size() >= minBatch
                || System.nanoTime() - pendingSinceNanos >= lingerNanos)) {
          flushPending();
        }
      } catch (WakeupException e) {
        if (running) {
          log.warn("store sink woken up unexpectedly; continuing");
        }
      } catch (RuntimeException e) {
        log.error("store sink failed; restarting the poll loop in 1 s", e);
        sleep(1000);
      }
    }
    consumer.close(Duration.ofSeconds(5));
  }

  private void flushPending() {
    if (pending.isEmpty()) {
      return;
    }
    writeWithRetry(pending);
    pending.clear();
  }

  private void writeWithRetry(Iterable<ConsumerRecord<byte[], byte[]>> records) {
    flushesStarted.incrementAndGet();
    try {
      write(toBatch(records));
    } finally {
      flushesDone.incrementAndGet();
    }
  }

  /**
   * Waits until every batch this sink had begun to decode when called is written (or {@code
   * timeout} passes) and returns whether it did. An erasure calls it after destroying the subject's
   * keys: a batch decoded before that may still hold the subject's events, any later one cannot.
   */
  public boolean awaitBatchesInFlight(Duration timeout) {
    long target = flushesStarted.get();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (flushesDone.get() < target) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      sleep(20);
    }
    return true;
  }

  private void write(SinkBatch batch) {
    long backoff = 200;
    while (running) {
      try {
        long start = System.nanoTime();
        store.write(batch);
        lastWriteMillis.set((System.nanoTime() - start) / 1_000_000);
        written.addAndGet(batch.events().size());
        lag.written(batch.nextOffsets());
        lastError = null;
        consumer.commitAsync(); // for lag monitoring only; the store holds the real position
        return;
      } catch (StoreException e) {
        lastError = e.getMessage();
        log.error(
            "store sink could not write {} events ({}); retrying in {} ms. Nothing is lost: the"
                + " events stay in Kafka until the store accepts them. Check disk space and the"
                + " DuckDB file.",
            batch.events().size(),
            e.getMessage(),
            backoff);
        sleep(backoff);
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  }

  private SinkBatch toBatch(Iterable<ConsumerRecord<byte[], byte[]>> records) {
    List<Event> events = new ArrayList<>(pending.size());
    List<QuarantinedItem> quarantine = new ArrayList<>();
    List<SessionRecord> sessions = new ArrayList<>();
    Map<String, Map<Integer, Long>> next = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      next.computeIfAbsent(r.topic(), t -> new HashMap<>()).put(r.partition(), r.offset() + 1);
      try {
        String pseudonym = r.key() == null ? null : new String(r.key(), StandardCharsets.US_ASCII);
        byte[] value = vault.open(pseudonym, r.value());
        if (value == null || EraseMarker.is(value)) {
          continue; // the subject was erased (its key is gone), or an erasure's marker
        }
        if (r.topic().equals(eventsTopic)) {
          events.add(EventCodec.decode(value));
        } else if (r.topic().equals(sessionsTopic)) {
          sessions.add(SessionCodec.decode(value));
        } else {
          quarantine.add(QuarantineCodec.decode(value));
        }
      } catch (RuntimeException e) {
        log.error(
            "undecodable record {}-{}@{}; quarantining it", r.topic(), r.partition(), r.offset());
        quarantine.add(undecodable(r, e));
      }
    }
    return new SinkBatch(events, quarantine, sessions, next);
  }

  private static QuarantinedItem undecodable(ConsumerRecord<byte[], byte[]> r, RuntimeException e) {
    String payload = r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
    return new QuarantinedItem(
        UUID.nameUUIDFromBytes(
            (r.topic() + r.partition() + "@" + r.offset()).getBytes(StandardCharsets.UTF_8)),
        r.timestamp(),
        "log:" + r.topic(),
        null,
        null,
        500,
        "undecodable log record at "
            + r.topic()
            + "-"
            + r.partition()
            + "@"
            + r.offset()
            + ": "
            + e.getMessage(),
        List.of(),
        null,
        null,
        payload.length() > 65536 ? payload.substring(0, 65536) : payload,
        payload.length() > 65536);
  }

  private final class ResumeFromStore implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      Map<String, Map<Integer, Long>> committed = store.committedOffsets();
      for (TopicPartition tp : partitions) {
        Long offset = committed.getOrDefault(tp.topic(), Map.of()).get(tp.partition());
        lag.assigned(tp, offset);
        if (offset != null) {
          consumer.seek(tp, offset);
        } else {
          consumer.seekToBeginning(List.of(tp));
        }
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      flushPending(); // what was read is written before another member may take the partitions
      lag.revoked(partitions);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
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
    lag.close();
  }
}
