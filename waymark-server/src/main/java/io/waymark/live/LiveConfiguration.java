package io.waymark.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
  LiveMetrics liveMetrics(LiveRegistry registry, Clock clock, MeterRegistry meters) {
    LiveMetrics live = new LiveMetrics(registry, clock);
    // Merged from this instance's in-memory minute buckets at scrape time, no store query. Users
    // are partitioned, so the instances' figures add up to the whole.
    Gauge.builder("waymark.live.active.users", live, l -> l.activeUsers(5))
        .description(
            "users with an event in the last 5 minutes, on the partitions this instance processes"
                + " (sum over instances for the total)")
        .register(meters);
    return live;
  }
}
