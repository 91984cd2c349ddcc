package io.waymark.sessions;

import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.alerts.AlertRules;
import io.waymark.eventlog.EventLog;
import io.waymark.eventlog.EventLogSettings;
import io.waymark.eventlog.KafkaEndpoint;
import io.waymark.live.LiveRegistry;
import io.waymark.platform.DataDirectory;
import io.waymark.privacy.PersonalDataHolder;
import io.waymark.privacy.PrivacySettings;
import io.waymark.vault.SubjectVault;
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
            vault),
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
