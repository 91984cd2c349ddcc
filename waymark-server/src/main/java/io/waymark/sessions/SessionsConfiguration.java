package io.waymark.sessions;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.waymark.alerts.AlertRules;
import io.waymark.eventlog.EventLog;
import io.waymark.eventlog.EventLogSettings;
import io.waymark.eventlog.KafkaEndpoint;
import io.waymark.live.LiveRegistry;
import io.waymark.platform.DataDirectory;
import io.waymark.privacy.PersonalDataHolder;
import io.waymark.privacy.PrivacySettings;
import io.waymark.vault.SubjectVault;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the stream processor (it can be turned off with waymark.sessions.stream-enabled=false).
 */
@Configuration(proxyBeanMethods = false)
class SessionsConfiguration {

  @Bean(name = "streamsHealthIndicator", destroyMethod = "close")
  @ConditionalOnProperty(
      name = "waymark.sessions.stream-enabled",
      havingValue = "true",
      matchIfMissing = true)
  StreamsRuntime streamsRuntime(
      KafkaEndpoint kafka,
      EventLogSettings log,
      SessionSettings settings,
      DataDirectory dataDir,
      LiveRegistry live,
      AlertRules rules,
      SubjectVault vault,
      MeterRegistry registry) {
    Timer alertLatency =
        Timer.builder("waymark.alerts.latency")
            .description(
                "from the triggering event's arrival at the collector to the alert's detection by"
                    + " the stream processor (two wall clocks: keep the instances' clocks in sync)")
            .serviceLevelObjectives(
                Duration.ofMillis(10),
                Duration.ofMillis(50),
                Duration.ofMillis(100),
                Duration.ofMillis(250),
                Duration.ofMillis(500),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10))
            .register(registry);
    return new StreamsRuntime(
        SessionTopology.build(
            log.eventsTopic(),
            log.sessionsTopic(),
            log.alertsTopic(),
            new StreamRules(
                settings.gap(),
                settings.grace(),
                settings.identityMemory(),
                settings.maxPageTime()),
            live,
            rules::enabled,
            vault,
            millis -> alertLatency.record(millis, TimeUnit.MILLISECONDS)),
        kafka.bootstrapServers(),
        dataDir.resolve("streams"),
        settings,
        log.replicationFactor(),
        vault,
        registry);
  }

  @Bean
  @ConditionalOnProperty(
      name = "waymark.sessions.stream-enabled",
      havingValue = "true",
      matchIfMissing = true)
  PersonalDataHolder streamStateData(
      StreamsRuntime streams,
      EventLog eventLog,
      EventLogSettings log,
      SubjectVault vault,
      PrivacySettings privacy) {
    return new StreamPersonalData(
        streams, eventLog, log.eventsTopic(), vault, privacy.streamTimeout());
  }
}
