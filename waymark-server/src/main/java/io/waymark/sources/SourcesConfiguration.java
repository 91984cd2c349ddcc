package io.waymark.sources;

import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.imports.FileImports;
import io.waymark.outbound.OutboundGuard;
import io.waymark.outbound.OutboundHttp;
import io.waymark.outbound.OutboundSettings;
import io.waymark.platform.DataDirectory;
import io.waymark.vault.MasterKey;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wires the sources, their runs, the fetcher and the scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SourcesConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SourcesConfiguration.class);

  @Bean
  Sources sources(JdbcClient jdbc, MasterKey masterKey) {
    Sources sources = new Sources(jdbc, masterKey);
    int sealed = sources.encryptPlainAuthHeaders();
    if (sealed > 0) {
      log.info("encrypted the authorization headers of {} sources with the master key", sealed);
    }
    return sources;
  }

  @Bean
  SourceRuns sourceRuns(JdbcClient jdbc, Sources sources, Clock clock) {
    SourceRuns runs = new SourceRuns(jdbc);
    int interrupted = runs.failInterrupted(clock.millis());
    sources.releaseAll();
    if (interrupted > 0) {
      log.warn(
          "{} source runs were interrupted by the last stop and are marked failed; they run again"
              + " at their next time",
          interrupted);
    }
    return runs;
  }

  @Bean(destroyMethod = "close")
  SourceFetcher sourceFetcher(
      SourceSettings settings,
      DataDirectory dataDir,
      OutboundGuard guard,
      OutboundSettings outbound)
      throws IOException {
    OutboundHttp http = new OutboundHttp(guard, outbound.maxRedirects(), settings.connectTimeout());
    SourceFetcher fetcher = new SourceFetcher(settings, dataDir.resolve("sources"), http);
    fetcher.deleteLeftovers();
    return fetcher;
  }

  @Bean(destroyMethod = "close")
  SourceRunner sourceRunner(
      Sources sources,
      SourceRuns runs,
      SourceFetcher fetcher,
      FileImports imports,
      MeterRegistry registry,
      SourceSettings settings,
      Clock clock) {
    return new SourceRunner(
        sources, runs, fetcher, imports, registry, clock, settings.concurrency());
  }

  @Bean
  SourceViews sourceViews(SourceRuns runs, FileImports imports) {
    return new SourceViews(runs, imports);
  }

  @Bean
  SourceScheduler sourceScheduler(Sources sources, SourceRunner runner, Clock clock) {
    return new SourceScheduler(sources, runner, clock);
  }
}
