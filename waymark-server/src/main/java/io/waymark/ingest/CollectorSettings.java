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
    @DefaultValue QuarantineBudget quarantineBudget,
    @DefaultValue Limits limits,
    @DefaultValue UnauthenticatedSample unauthenticatedSample) {

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

  /**
   * What the collector holds at once (docs/operations.md, "Collector limits"): connections and
   * their idle time on the collector port, request-body bytes in memory on both ports, collector
   * requests in progress on the main port, and key lookups waiting for the database.
   */
  public record Limits(
      @DefaultValue("10000") int maxConnections,
      @DefaultValue("60s") Duration idleTimeout,
      @DefaultValue("64MB") DataSize maxInFlightBytes,
      @DefaultValue("64") int mainPortConcurrency,
      @DefaultValue("256") int maxPendingKeyLookups) {}

  /**
   * The in-memory sample of requests refused for a missing or unknown key (decision 42): its size,
   * and how many entries one client address may add per second (and in a burst); {@code
   * maxAddresses} bounds the addresses tracked for that.
   */
  public record UnauthenticatedSample(
      @DefaultValue("100") int size,
      @DefaultValue("1") double perAddressPerSecond,
      @DefaultValue("5") double perAddressBurst,
      @DefaultValue("10000") int maxAddresses) {}
}
