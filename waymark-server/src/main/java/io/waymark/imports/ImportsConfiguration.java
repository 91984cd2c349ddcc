package io.waymark.imports;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.ingest.IngestService;
import io.waymark.platform.DataDirectory;
import io.waymark.store.FactStore;
import io.waymark.vault.SubjectVault;
import io.waymark.vault.Suppressions;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the import jobs, their runner and the uploaded files. */
@Configuration(proxyBeanMethods = false)
class ImportsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ImportsConfiguration.class);

  @Bean
  ImportJobs importJobs(JdbcClient jdbc, Clock clock) {
    ImportJobs jobs = new ImportJobs(jdbc);
    int interrupted = jobs.failInterrupted(clock.millis());
    if (interrupted > 0) {
      log.warn(
          "{} imports were interrupted by the last stop and are marked failed; import their files"
              + " again",
          interrupted);
    }
    return jobs;
  }

  @Bean
  ImportUploads importUploads(DataDirectory dataDir, ImportSettings settings) throws IOException {
    ImportUploads uploads =
        new ImportUploads(dataDir.resolve("imports"), settings.maxFileSize().toBytes());
    uploads.deleteLeftovers();
    return uploads;
  }

  @Bean(destroyMethod = "close")
  ImportRunner importRunner(
      ImportJobs jobs,
      IngestService ingest,
      FactStore facts,
      MeterRegistry registry,
      ImportSettings settings,
      Clock clock,
      SubjectVault vault,
      Suppressions suppressions) {
    // Exact decimals for prices and amounts, and the same JSON text as the file for events.
    ObjectMapper json =
        new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    return new ImportRunner(
        jobs,
        ingest,
        facts,
        json,
        new ImportMetrics(registry),
        settings,
        clock,
        userKey -> suppressions.contains(vault.pseudonym(userKey)));
  }

  @Bean
  FileImports fileImports(ImportJobs jobs, ImportRunner runner, Clock clock) {
    return new FileImports(jobs, runner, clock);
  }
}
