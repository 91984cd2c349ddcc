package io.waymark.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.sessions.StreamsRuntime;
import io.waymark.store.AnalyticalStore;
import io.waymark.store.StoreCompactor;
import io.waymark.store.StoreSink;
import io.waymark.vault.SubjectVault;
import io.waymark.vault.Suppressions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires erasures to every holder of personal data. */
@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

  @Bean(destroyMethod = "close")
  ErasureService erasureService(
      JdbcClient jdbc,
      ObjectMapper json,
      List<PersonalDataHolder> holders,
      AnalyticalStore store,
      ObjectProvider<StreamsRuntime> streams,
      SubjectVault vault,
      Suppressions suppressions,
      StoreSink sink,
      ObjectProvider<StoreCompactor> compactor,
      Clock clock,
      PrivacySettings settings,
      DataSource dataSource) {
    return new ErasureService(
        new ErasureRequests(jdbc, json),
        holders,
        store,
        () -> Optional.ofNullable(streams.getIfAvailable()),
        vault,
        suppressions,
        sink,
        () -> Optional.ofNullable(compactor.getIfAvailable()),
        clock,
        settings,
        new MetadataFile(dataSource, Duration.ofSeconds(10)));
  }

  @EventListener(ApplicationReadyEvent.class)
  void resume(ApplicationReadyEvent ready) {
    ready.getApplicationContext().getBean(ErasureService.class).resumeOpen();
  }
}
