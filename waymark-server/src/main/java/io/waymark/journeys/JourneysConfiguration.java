package io.waymark.journeys;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.ingest.LeanRead;
import io.waymark.sessions.SessionSettings;
import io.waymark.store.AnalyticalStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires journeys. */
@Configuration(proxyBeanMethods = false)
class JourneysConfiguration {

  @Bean
  JourneyService journeyService(
      AnalyticalStore store, JourneySettings settings, SessionSettings sessions, Clock clock) {
    return new JourneyService(store, settings, sessions.gap(), clock);
  }

  @Bean
  LeanRead journeyLeanRead(JourneyService journeys, ObjectMapper json) {
    return new JourneyLeanRead(journeys, json);
  }
}
