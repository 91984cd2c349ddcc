package io.waymark.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.eventlog.EventLogSettings;
import io.waymark.eventlog.KafkaEndpoint;
import io.waymark.outbound.OutboundGuard;
import io.waymark.outbound.OutboundHttp;
import io.waymark.privacy.PersonalDataHolder;
import io.waymark.sessions.SessionSettings;
import io.waymark.vault.MasterKey;
import io.waymark.vault.SubjectVault;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the rules, the alert store, the feeds from the alerts topic and webhook delivery. */
@Configuration(proxyBeanMethods = false)
class AlertsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(AlertsConfiguration.class);

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService alertRulesRefresher(AlertRules rules, AlertSettings settings) {
    ScheduledExecutorService s =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("waymark-rules-refresh").daemon().factory());
    long every = settings.rulesRefresh().toMillis();
    s.scheduleWithFixedDelay(rules::refresh, every, every, TimeUnit.MILLISECONDS);
    return s;
  }

  @Bean
  AlertRules alertRules(JdbcClient jdbc, Clock clock) {
    return new AlertRules(jdbc, clock);
  }

  @Bean
  AlertStore alertStore(JdbcClient jdbc, MeterRegistry registry) {
    AlertStore store = new AlertStore(jdbc);
    Gauge.builder("waymark.alerts.open", store, AlertStore::countOpen)
        .description("alerts not yet acknowledged")
        .register(registry);
    return store;
  }

  @Bean
  PersonalDataHolder alertsData(JdbcClient jdbc, TransactionTemplate tx) {
    return new AlertPersonalData(jdbc, tx);
  }

  @Bean
  Webhooks webhooks(JdbcClient jdbc, Clock clock, OutboundGuard guard, MasterKey masterKey) {
    Webhooks webhooks = new Webhooks(jdbc, clock, guard, masterKey);
    int sealed = webhooks.encryptPlainSecrets();
    if (sealed > 0) {
      log.info("encrypted the signing secrets of {} webhooks with the master key", sealed);
    }
    return webhooks;
  }

  @Bean(destroyMethod = "close")
  WebhookSender webhookSender(
      Webhooks webhooks,
      AlertStore store,
      ObjectMapper json,
      AlertSettings settings,
      Clock clock,
      OutboundGuard guard) {
    // Webhooks get no redirects: a POST is answered where it was sent.
    OutboundHttp http = new OutboundHttp(guard, 0, settings.webhookTimeout());
    WebhookSender sender = new WebhookSender(webhooks, store, json, settings, clock, http);
    webhooks.attach(sender);
    sender.resumePending();
    return sender;
  }

  @Bean
  AlertPush alertPush() {
    return new AlertPush(AlertView::of);
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(
      name = "waymark.alerts.enabled",
      havingValue = "true",
      matchIfMissing = true)
  AlertFeed alertStoreFeed(
      KafkaEndpoint kafka,
      EventLogSettings log,
      AlertStore store,
      Webhooks webhooks,
      WebhookSender sender,
      SessionSettings sessions,
      Clock clock,
      SubjectVault vault) {
    AlertFeed feed =
        AlertFeed.durable(
            kafka.bootstrapServers(),
            log.alertsTopic(),
            sessions.instanceId(),
            store,
            webhooks,
            clock,
            vault);
    feed.start();
    return feed;
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(
      name = "waymark.alerts.enabled",
      havingValue = "true",
      matchIfMissing = true)
  AlertFeed alertPushFeed(
      KafkaEndpoint kafka, EventLogSettings log, AlertPush push, SubjectVault vault) {
    AlertFeed feed = AlertFeed.live(kafka.bootstrapServers(), log.alertsTopic(), push::push, vault);
    feed.start();
    return feed;
  }
}
