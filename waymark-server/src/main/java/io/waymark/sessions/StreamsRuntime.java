package io.waymark.sessions;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.waymark.profiles.BehaviourDays;
import io.waymark.vault.SubjectVault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Runs the stream topology. At-least-once with idempotent outputs (sessions are upserted by id),
 * because exactly-once was measured to add about 60 ms to alert latency; static membership and a
 * short session timeout let a restarted instance take its partitions back in seconds.
 */
public final class StreamsRuntime implements HealthIndicator, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StreamsRuntime.class);

  private final KafkaStreams streams;
  private final KafkaStreamsMetrics metrics;
  private final SubjectVault vault;
  private volatile ReadOnlyKeyValueStore<String, byte[]> sessionsView;

  public StreamsRuntime(
      Topology topology,
      String bootstrapServers,
      Path stateDir,
      SessionSettings settings,
      short replication,
      SubjectVault vault,
      MeterRegistry registry) {
    this.vault = vault;
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "waymark-streams");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    // No record cache: with a 100 ms commit interval it rarely absorbed a repeated write, and its
    // sorted map over every cached user cost 30 % of the stream thread (decision 33).
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replication);
    p.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
        "waymark-" + settings.instanceId().replaceAll("[^A-Za-z0-9._-]", "-"));
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    p.put(StreamsConfig.producerPrefix("linger.ms"), 5);
    this.streams = new KafkaStreams(topology, p);
    streams.setUncaughtExceptionHandler(
        e -> {
          log.error("stream processing thread failed; replacing it. Input: see the exception", e);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    // Consumer lag, process rates and state store metrics on /actuator/prometheus
    // (kafka_consumer_fetch_manager_records_lag{topic="events"} is the stream's backlog).
    this.metrics = new KafkaStreamsMetrics(streams);
    metrics.bindTo(registry);
    io.micrometer.core.instrument.Gauge.builder("waymark.stream.lag", this, StreamsRuntime::lag)
        .description(
            "events on the log not yet processed by this instance's stream threads (all"
                + " partitions it owns); growing lag means processing cannot keep up")
        .baseUnit("events")
        .register(registry);
    streams.start();
  }

  /**
   * The user's behaviour days from this instance's per-user state (empty when it holds nothing for
   * the user). Reads the store itself, so an event shows as soon as it was processed.
   *
   * @throws IllegalStateException when the store is not queryable (starting or rebalancing)
   */
  public Optional<Behaviour> behaviourOf(String userKey) {
    String pseudonym = vault.pseudonym(userKey);
    byte[] stored;
    try {
      stored = sessionsView().get(pseudonym);
    } catch (InvalidStateStoreException e) {
      sessionsView = null; // a rebalance moved or closed the stores: look them up again next time
      throw new IllegalStateException(
          "the stream processor's state is not queryable right now (" + streams.state() + ")", e);
    }
    byte[] value = stored == null ? null : vault.open(pseudonym, stored);
    if (value == null) {
      return Optional.empty(); // nothing held, or the user was erased and the key is gone
    }
    UserSessions u = UserSessionsCodec.decode(value);
    return Optional.of(new Behaviour(u.behaviour, u.linkedAnonymous));
  }

  /**
   * Whether this instance's state holds an entry under the pseudonym (readable or not); false while
   * the store is not queryable.
   */
  public boolean holdsEntry(String pseudonym) {
    try {
      return sessionsView().get(pseudonym) != null;
    } catch (InvalidStateStoreException e) {
      sessionsView = null;
      throw new IllegalStateException(
          "the stream processor's state is not queryable right now (" + streams.state() + ")", e);
    }
  }

  /**
   * The per-user store across this instance's partitions. The view is kept between calls (looking
   * it up costs more than a read); it resolves the partitions' stores on every read, and is dropped
   * when a read finds them moved or closed.
   */
  private ReadOnlyKeyValueStore<String, byte[]> sessionsView() {
    ReadOnlyKeyValueStore<String, byte[]> view = sessionsView;
    if (view == null) {
      view =
          streams.store(
              StoreQueryParameters.fromNameAndType(
                  SessionProcessor.SESSIONS_STORE, QueryableStoreTypes.keyValueStore()));
      sessionsView = view;
    }
    return view;
  }

  /** A user's behaviour days and the anonymous ids their events carried (from the same entry). */
  public record Behaviour(BehaviourDays days, List<String> linkedAnonymousIds) {}

  /** The stream threads' backlog: the sum of the per-partition lag of their main consumers. */
  public long lag() {
    double sum = 0;
    for (var e : streams.metrics().entrySet()) {
      var name = e.getKey();
      String client = name.tags().getOrDefault("client-id", "");
      if (name.name().equals("records-lag")
          && name.group().equals("consumer-fetch-manager-metrics")
          && name.tags().containsKey("partition")
          && client.contains("StreamThread")
          && !client.contains("restore")
          && e.getValue().metricValue() instanceof Double d
          && !d.isNaN()) {
        sum += d;
      }
    }
    return (long) sum;
  }

  @Override
  public Health health() {
    KafkaStreams.State state = streams.state();
    Health.Builder b =
        state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED
            ? Health.up()
            : Health.down();
    return b.withDetail("state", state.name()).withDetail("lag", lag()).build();
  }

  @Override
  public void close() {
    metrics.close();
    streams.close(java.time.Duration.ofSeconds(20));
  }
}
