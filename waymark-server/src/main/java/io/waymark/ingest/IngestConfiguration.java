package io.waymark.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.admin.ApiKeys;
import io.waymark.eventlog.EventLog;
import io.waymark.eventlog.EventLogSettings;
import io.waymark.store.AnalyticalStore;
import io.waymark.vault.SubjectVault;
import io.waymark.vault.Suppressions;
import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/** Wires the collector core and its lean server. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

  @Bean
  IngestService ingestService(
      CollectorSettings settings,
      ApiKeys keys,
      EventLog eventLog,
      EventLogSettings logSettings,
      MeterRegistry registry,
      SubjectVault vault,
      Suppressions suppressions,
      Clock clock) {
    CollectorMetrics metrics = new CollectorMetrics(registry);
    IngestService ingest =
        new IngestService(
            settings,
            keys,
            eventLog,
            logSettings.eventsTopic(),
            new Quarantine(
                eventLog,
                logSettings.quarantineTopic(),
                settings.quarantineBudget(),
                metrics,
                vault,
                suppressions),
            metrics,
            vault,
            suppressions,
            clock);
    io.micrometer.core.instrument.Gauge.builder(
            "waymark.collector.in_flight", ingest.inFlight(), InFlightBytes::held)
        .baseUnit("bytes")
        .description("request-body bytes the collector endpoints of both ports hold right now")
        .register(registry);
    return ingest;
  }

  @Bean
  QuarantineDecisions quarantineDecisions(JdbcClient jdbc, TransactionOperations tx) {
    return new QuarantineDecisions(jdbc, tx);
  }

  @Bean
  QuarantineReview quarantineReview(
      AnalyticalStore store, QuarantineDecisions decisions, IngestService ingest, Clock clock) {
    return new QuarantineReview(store, decisions, ingest, clock);
  }

  @Bean(destroyMethod = "close")
  QuarantineRetention quarantineRetention(
      AnalyticalStore store, QuarantineSettings settings, Clock clock) {
    QuarantineRetention retention = new QuarantineRetention(store, settings.retention(), clock);
    retention.start(settings.checkEvery());
    return retention;
  }

  @Bean
  Snippet snippet() {
    return Snippet.load();
  }

  @Bean(destroyMethod = "close")
  CollectorServerHandle collectorServer(
      IngestService ingest,
      Snippet snippet,
      CollectorSettings settings,
      org.springframework.beans.factory.ObjectProvider<LeanRead> reads,
      MeterRegistry registry) {
    if (settings.port() < 0) {
      return new CollectorServerHandle(null);
    }
    return new CollectorServerHandle(
        new CollectorServer(
            ingest,
            snippet,
            reads.orderedStream().toList(),
            settings.host(),
            settings.port(),
            settings.limits(),
            registry));
  }

  /** Answers CORS preflights of the collector endpoints on the main port, before Spring does. */
  @Bean
  FilterRegistrationBean<CollectorPreflightFilter> collectorPreflightFilter(IngestService ingest) {
    FilterRegistrationBean<CollectorPreflightFilter> r =
        new FilterRegistrationBean<>(new CollectorPreflightFilter(ingest));
    r.addUrlPatterns(Endpoint.EVENTS.path(), Endpoint.BATCH.path(), Endpoint.PAGE.path());
    r.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return r;
  }
}
