package io.waymark.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.admin.ApiKeys;
import io.waymark.eventlog.EventLog;
import io.waymark.eventlog.EventLogSettings;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
      Clock clock) {
    CollectorMetrics metrics = new CollectorMetrics(registry);
    return new IngestService(
        settings,
        keys,
        eventLog,
        logSettings.eventsTopic(),
        new Quarantine(
            eventLog, logSettings.quarantineTopic(), settings.quarantineBudget(), metrics),
        metrics,
        clock);
  }

  @Bean(destroyMethod = "close")
  CollectorServerHandle collectorServer(IngestService ingest, CollectorSettings settings) {
    if (settings.port() < 0) {
      return new CollectorServerHandle(null);
    }
    return new CollectorServerHandle(new CollectorServer(ingest, settings.host(), settings.port()));
  }
}
