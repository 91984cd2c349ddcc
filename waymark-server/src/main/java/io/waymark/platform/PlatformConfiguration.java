package io.waymark.platform;

import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The process-wide clock (processing time) and data directory. */
@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  DataDirectory dataDirectory(@Value("${waymark.data-dir:./data}") Path dir) {
    return new DataDirectory(dir);
  }
}
