package io.waymark.exports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.insights.DailyReport;
import io.waymark.outbound.OutboundGuard;
import io.waymark.outbound.OutboundHttp;
import io.waymark.platform.DataDirectory;
import io.waymark.privacy.PersonalDataHolder;
import io.waymark.store.DailyExtracts;
import io.waymark.vault.MasterKey;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires exports: configurations, runs, the runner, the daily scheduler and the kept files. */
@Configuration(proxyBeanMethods = false)
class ExportsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ExportsConfiguration.class);

  @Bean
  ExportFiles exportFiles(DataDirectory dataDir) throws IOException {
    ExportFiles files = new ExportFiles(dataDir.resolve("exports"));
    files.deleteLeftovers();
    return files;
  }

  @Bean
  ExportConfigs exportConfigs(JdbcClient jdbc, MasterKey masterKey) {
    ExportConfigs configs = new ExportConfigs(jdbc, masterKey);
    int sealed = configs.encryptPlainSecrets();
    if (sealed > 0) {
      log.info("encrypted the webhook secrets of {} exports with the master key", sealed);
    }
    return configs;
  }

  @Bean
  ExportRuns exportRuns(JdbcClient jdbc, ExportSettings settings, Clock clock) {
    ExportRuns runs = new ExportRuns(jdbc, settings.instanceId());
    int interrupted = runs.failInterrupted(clock.millis());
    if (interrupted > 0) {
      log.warn(
          "{} export runs were interrupted by the last stop and are marked failed; trigger their"
              + " dates again",
          interrupted);
    }
    return runs;
  }

  @Bean(destroyMethod = "close")
  WebhookDelivery exportWebhookDelivery(ExportSettings settings, Clock clock, OutboundGuard guard) {
    // A POST of a file is answered where it was sent: no redirects.
    OutboundHttp http = new OutboundHttp(guard, 0, settings.webhookTimeout());
    return new WebhookDelivery(settings, clock, Thread::sleep, http);
  }

  @Bean(destroyMethod = "close")
  ExportRunner exportRunner(
      ExportConfigs configs,
      ExportRuns runs,
      ExportFiles files,
      DailyExtracts extracts,
      DailyReport.Source reports,
      WebhookDelivery webhooks,
      MeterRegistry registry,
      ExportSettings settings,
      Clock clock) {
    return new ExportRunner(
        configs,
        runs,
        files,
        new DatasetWriter(extracts, reports, new ObjectMapper()),
        webhooks,
        new ExportMetrics(registry),
        settings.roots(),
        clock);
  }

  @Bean(destroyMethod = "close")
  ExportScheduler exportScheduler(
      ExportConfigs configs,
      ExportRuns runs,
      ExportRunner runner,
      ExportFiles files,
      ExportSettings settings,
      Clock clock) {
    ExportScheduler scheduler =
        new ExportScheduler(configs, runs, runner, files, settings.retention(), clock);
    scheduler.start(settings.checkEvery());
    return scheduler;
  }

  @Bean
  Exports exports(
      ExportConfigs configs,
      ExportRuns runs,
      ExportRunner runner,
      ExportFiles files,
      ExportSettings settings,
      OutboundGuard guard,
      Clock clock) {
    return new Exports(configs, runs, runner, files, settings, guard, clock);
  }

  @Bean
  PersonalDataHolder exportFilesHolder(ExportFiles files) {
    return new ExportPersonalData(files, new ObjectMapper());
  }
}
