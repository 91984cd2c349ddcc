package io.waymark.store;

import io.waymark.privacy.PersonalDataHolder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the imported fact tables and their part in erasure. */
@Configuration(proxyBeanMethods = false)
class FactsConfiguration {

  @Bean(destroyMethod = "close")
  DuckDbFacts factStore(AnalyticalStore store) {
    if (!(store instanceof DuckDbStore duck)) {
      throw new IllegalStateException(
          "imported facts are kept in DuckDB only; this store is " + store.getClass().getName());
    }
    return new DuckDbFacts(duck);
  }

  @Bean
  PersonalDataHolder transactionsHolder(FactStore facts) {
    return new FactHolder(facts, FactStore.FactTable.TRANSACTIONS);
  }

  @Bean
  PersonalDataHolder supportTicketsHolder(FactStore facts) {
    return new FactHolder(facts, FactStore.FactTable.SUPPORT_TICKETS);
  }
}
