package io.waymark.outbound;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one guard every outbound client resolves through. */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

  @Bean
  OutboundGuard outboundGuard(OutboundSettings settings) {
    return new OutboundGuard(settings);
  }
}
