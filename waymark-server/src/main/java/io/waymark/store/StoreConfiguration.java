package io.waymark.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.eventlog.EventLogSettings;
import io.waymark.eventlog.KafkaEndpoint;
import io.waymark.platform.DataDirectory;
import io.waymark.privacy.PersonalDataHolder;
import io.waymark.sessions.SessionSettings;
import io.waymark.vault.SubjectVault;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the DuckDB store, the sink and the store's health. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

  @Bean(destroyMethod = "close")
  DuckDbStore analyticalStore(
      StoreSettings settings, DataDirectory dataDir, MeterRegistry registry, Clock clock) {
    Path file =
        settings.duckdbFile().isBlank()
            ? dataDir.resolve("store").resolve("waymark.duckdb")
            : Path.of(settings.duckdbFile());
    return new DuckDbStore(
        file,
        settings.readConnections(),
        settings.memoryLimit(),
        settings.checkpointThreshold(),
        registry,
        settings.recent().enabled()
            ? new RecentEvents(clock, settings.recent().window(), settings.recent().maxEvents())
            : null);
  }

  @Bean(destroyMethod = "close")
  StoreCompactor storeCompactor(
      DuckDbStore store, StoreSettings settings, Clock clock, MeterRegistry registry) {
    return new StoreCompactor(store, clock, registry, settings.compaction().maxBufferedEvents());
  }

  @Bean(destroyMethod = "close")
  CompactionSchedule compactionSchedule(
      StoreCompactor compactor, DuckDbStore store, StoreSettings settings, Clock clock) {
    StoreSettings.Compaction c = settings.compaction();
    CompactionSchedule schedule =
        new CompactionSchedule(
            compactor,
            store::appendedSinceCompaction,
            clock,
            CompactionSchedule.parseDailyAt(c.dailyAt()),
            c.afterRows());
    schedule.start(c.checkEvery());
    return schedule;
  }

  @Bean(destroyMethod = "close")
  StoreSink storeSink(
      AnalyticalStore store,
      KafkaEndpoint kafka,
      EventLogSettings log,
      StoreSettings settings,
      SessionSettings sessions,
      SubjectVault vault,
      MeterRegistry registry) {
    StoreSink sink =
        new StoreSink(
            store,
            kafka.bootstrapServers(),
            log.eventsTopic(),
            log.quarantineTopic(),
            log.sessionsTopic(),
            sessions.instanceId(),
            settings,
            vault);
    Gauge.builder("waymark.store.sink.events.written", sink, StoreSink::written)
        .description("events written to the analytical store since start")
        .register(registry);
    Gauge.builder("waymark.store.sink.lag", sink, StoreSink::lag)
        .description(
            "records on the log this instance's store sink has not yet written to the store;"
                + " growing lag means the store cannot keep up (see docs/operations.md)")
        .baseUnit("records")
        .register(registry);
    if (settings.sinkEnabled()) {
      sink.start();
    }
    return sink;
  }

  // Each table that holds people's data answers an erasure (see io.waymark.privacy).
  @Bean
  PersonalDataHolder storeEventsData(AnalyticalStore store) {
    return new StorePersonalData(store, PersonalTable.EVENTS);
  }

  @Bean
  PersonalDataHolder storeUsersData(AnalyticalStore store) {
    return new StorePersonalData(store, PersonalTable.USERS);
  }

  @Bean
  PersonalDataHolder storeSessionsData(AnalyticalStore store) {
    return new StorePersonalData(store, PersonalTable.SESSIONS);
  }

  @Bean
  PersonalDataHolder storeQuarantineData(AnalyticalStore store) {
    return new StorePersonalData(store, PersonalTable.QUARANTINE);
  }

  @Bean
  PersonalDataHolder storeIdentityLinksData(AnalyticalStore store) {
    return new StorePersonalData(store, PersonalTable.IDENTITY_LINKS);
  }

  @Bean
  HealthIndicator storeHealthIndicator(
      AnalyticalStore store, StoreSink sink, StoreCompactor compactor) {
    return () -> {
      try {
        store.ping();
      } catch (RuntimeException e) {
        return Health.down().withDetail("error", e.getMessage()).build();
      }
      String error = sink.lastError();
      Health.Builder b = error == null ? Health.up() : Health.down().withDetail("sinkError", error);
      b.withDetail("type", "duckdb").withDetail("eventsWritten", sink.written());
      compactor
          .last()
          .ifPresent(
              run ->
                  b.withDetail("lastCompaction", run.finishedAt().toString())
                      .withDetail(
                          "lastCompactionStatus",
                          run.status().name().toLowerCase(java.util.Locale.ROOT)));
      compactor.current().ifPresent(run -> b.withDetail("compactionRunning", true));
      return b.build();
    };
  }
}
