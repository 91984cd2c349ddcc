package io.waymark.demo;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code waymark.demo.enabled}: serve the demo shop's configuration (./waymark run --demo). {@code
 * origins}: pages other than loopback ones (http://localhost:8080) whose origin the demo key may
 * allow, such as {@code http://192.168.1.20:8080} to open the demo from another machine.
 */
@ConfigurationProperties("waymark.demo")
public record DemoSettings(
    @DefaultValue("false") boolean enabled, @DefaultValue("") List<String> origins) {

  public DemoSettings {
    origins = origins == null ? List.of() : origins.stream().filter(o -> !o.isBlank()).toList();
  }
}
