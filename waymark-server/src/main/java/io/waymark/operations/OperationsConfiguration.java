package io.waymark.operations;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The build's version and commit as a bean, for the API and the ready line. */
@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {

  @Bean
  VersionInfo versionInfo() {
    return VersionInfo.load(OperationsConfiguration.class.getClassLoader());
  }
}
