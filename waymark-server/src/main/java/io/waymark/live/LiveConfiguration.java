package io.waymark.live;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the live registry (filled by the stream processor) and the live queries. */
@Configuration(proxyBeanMethods = false)
class LiveConfiguration {

  @Bean
  LiveRegistry liveRegistry() {
    return new LiveRegistry();
  }

  @Bean
  LiveMetrics liveMetrics(LiveRegistry registry, Clock clock) {
    return new LiveMetrics(registry, clock);
  }
}
