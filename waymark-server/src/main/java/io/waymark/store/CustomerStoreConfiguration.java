package io.waymark.store;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the customer store onto the analytical store's database. */
@Configuration(proxyBeanMethods = false)
class CustomerStoreConfiguration {

  @Bean(destroyMethod = "close")
  CustomerStore customerStore(AnalyticalStore store) {
    if (!(store instanceof DuckDbStore duck)) {
      throw new IllegalStateException(
          "the customer profile needs the DuckDB store; "
              + store.getClass().getSimpleName()
              + " has no customer store yet");
    }
    return new DuckDbCustomers(duck);
  }
}
