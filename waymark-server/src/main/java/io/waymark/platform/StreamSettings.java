package io.waymark.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Server-sent event streams ({@code waymark.streams}): how long one lasts before the browser
 * reconnects ({@code timeout}), how many one account or key may hold ({@code per-account}) and this
 * instance in all ({@code total}), and how often open streams' accounts and keys are checked again
 * ({@code recheck}).
 */
@ConfigurationProperties("waymark.streams")
public record StreamSettings(
    @DefaultValue("10m") Duration timeout,
    @DefaultValue("32") int perAccount,
    @DefaultValue("512") int total,
    @DefaultValue("5s") Duration recheck) {

  public StreamSettings {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("waymark.streams.timeout must be positive");
    }
    if (perAccount < 1 || total < 1) {
      throw new IllegalArgumentException(
          "waymark.streams.per-account and waymark.streams.total must be at least 1");
    }
    if (recheck.isNegative() || recheck.isZero()) {
      throw new IllegalArgumentException("waymark.streams.recheck must be positive");
    }
  }
}
