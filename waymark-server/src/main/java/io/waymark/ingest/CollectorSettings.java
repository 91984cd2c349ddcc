package io.waymark.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Collector limits. {@code port} is the lean collector server's own port (-1 turns it off; the same
 * endpoints are always served on the main port too).
 */
@ConfigurationProperties("waymark.collector")
public record CollectorSettings(
    @DefaultValue("8081") int port,
    @DefaultValue("127.0.0.1") String host,
    @DefaultValue("5MB") DataSize maxBodyBytes,
    @DefaultValue("32KB") DataSize maxEventBytes,
    @DefaultValue("1000") int maxEventsPerRequest,
    @DefaultValue("5m") Duration maxFutureSkew,
    // The 7-day profile's window (decision 54); older history is a bulk import's job.
    @DefaultValue("7d") Duration maxEventAge,
    @DefaultValue RateLimit rateLimit,
    @DefaultValue QuarantineBudget quarantineBudget) {

  /**
   * The per-key token bucket, in events: refilled at {@code eventsPerSecond}, holding {@code
   * burst}.
   */
  public record RateLimit(
      @DefaultValue("20000") double eventsPerSecond, @DefaultValue("100000") double burst) {}

  /**
   * How many rejected requests per second one key (or, without a valid key, one client address) may
   * write into the quarantine; beyond it rejections are only counted, so a misbehaving client
   * cannot flood the quarantine.
   */
  public record QuarantineBudget(
      @DefaultValue("50") double perSecond, @DefaultValue("500") double burst) {}
}
