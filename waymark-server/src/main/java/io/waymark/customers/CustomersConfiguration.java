package io.waymark.customers;

import io.waymark.privacy.PersonalDataHolder;
import io.waymark.store.CustomerStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wires the customer profile, its refresher and its erasure. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CustomersConfiguration {

  @Bean
  CustomerService customerService(CustomerStore store, CustomerSettings settings, Clock clock) {
    return new CustomerService(store, settings, clock);
  }

  @Bean
  CustomerRefresher customerRefresher(
      CustomerStore store, CustomerService service, CustomerSettings settings, Clock clock) {
    return new CustomerRefresher(store, service, settings, clock);
  }

  @Bean
  PersonalDataHolder customerVersionsHolder(CustomerStore store) {
    return new CustomerVersionsHolder(store);
  }
}
