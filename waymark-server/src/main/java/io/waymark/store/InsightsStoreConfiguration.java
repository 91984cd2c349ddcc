package io.waymark.store;

import io.waymark.privacy.PersonalDataHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the insight queries, the per-user rollup's erasure and the daily extracts for exports over
 * the DuckDB store.
 */
@Configuration(proxyBeanMethods = false)
class InsightsStoreConfiguration {

  private static final Logger log = LoggerFactory.getLogger(InsightsStoreConfiguration.class);

  @Bean
  InsightsQueries insightsQueries(AnalyticalStore store, InsightsStoreSettings settings) {
    DuckDbStore duckDb = duckDb(store);
    if (settings.rebuildOnStart()) {
      long started = System.nanoTime();
      duckDb.updateAll(DuckDbRollups.rebuild());
      log.info(
          "rebuilt the insight rollups from the stored events in {} ms"
              + " (waymark.store.insights.rebuild-on-start=true; turn it off for normal starts)",
          (System.nanoTime() - started) / 1_000_000);
    }
    return new DuckDbInsights(duckDb);
  }

  @Bean
  DailyExtracts dailyExtracts(AnalyticalStore store) {
    return new DailyExtracts(duckDb(store));
  }

  @Bean
  PersonalDataHolder insightUsersHolder(AnalyticalStore store) {
    return new InsightUsersHolder(duckDb(store));
  }

  private static DuckDbStore duckDb(AnalyticalStore store) {
    if (store instanceof DuckDbStore d) {
      return d;
    }
    throw new IllegalStateException(
        "insights need the DuckDB store, got " + store.getClass().getName());
  }
}
