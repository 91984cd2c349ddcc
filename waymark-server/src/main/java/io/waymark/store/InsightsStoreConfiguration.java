package io.waymark.store;

import io.waymark.privacy.PersonalDataHolder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the insight queries and the per-user rollup's erasure over the DuckDB store. */
@Configuration(proxyBeanMethods = false)
class InsightsStoreConfiguration {

  @Bean
  InsightsQueries insightsQueries(AnalyticalStore store) {
    return new DuckDbInsights(duckDb(store));
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
