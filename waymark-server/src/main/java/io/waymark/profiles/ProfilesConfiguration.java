package io.waymark.profiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.ingest.LeanRead;
import io.waymark.sessions.StreamsRuntime;
import io.waymark.store.AnalyticalStore;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The 7-day profile, served by the API and by the lean collector port. */
@Configuration(proxyBeanMethods = false)
class ProfilesConfiguration {

  @Bean
  ProfileService profileService(
      ObjectProvider<StreamsRuntime> streams, AnalyticalStore store, Clock clock) {
    return new ProfileService(streams::getIfAvailable, store, clock);
  }

  @Bean
  LeanRead profileLeanRead(ProfileService profiles, ObjectMapper json) {
    return new ProfileLeanRead(profiles, json);
  }
}
