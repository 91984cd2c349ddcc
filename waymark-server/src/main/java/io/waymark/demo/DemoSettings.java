package io.waymark.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code waymark.demo.enabled}: serve the demo shop's configuration (./waymark run --demo). */
@ConfigurationProperties("waymark.demo")
public record DemoSettings(@DefaultValue("false") boolean enabled) {}
