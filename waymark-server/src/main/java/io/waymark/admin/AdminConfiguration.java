package io.waymark.admin;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.platform.DataDirectory;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionOperations;

/** Wires accounts and keys, and runs the first-start setup before anything can use them. */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  @Bean
  Accounts accounts(JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
    return new Accounts(jdbc, encoder, clock);
  }

  @Bean
  LoginThrottle loginThrottle(LoginThrottleSettings settings, Clock clock) {
    return new LoginThrottle(settings, clock);
  }

  @Bean
  BrowserSessions browserSessions(Accounts accounts) {
    return new BrowserSessions(accounts);
  }

  @Bean
  ApiKeys apiKeys(
      JdbcClient jdbc,
      Clock clock,
      TransactionOperations tx,
      Accounts accounts,
      BootstrapSettings bootstrap,
      DataDirectory dataDir,
      MeterRegistry registry) {
    ApiKeys keys = new ApiKeys(jdbc, clock, tx);
    FunctionCounter.builder("waymark.api_keys.lookups", keys, ApiKeys::lookups)
        .description(
            "database lookups of API key secrets the cache could not answer (a steep rise with"
                + " 401s means someone is trying many keys)")
        .register(registry);
    InitialSetup.run(bootstrap, accounts, keys, dataDir);
    return keys;
  }
}
