package io.waymark.customers;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The customer profile: money is summed in {@code storeCurrency} only; segment thresholds (see
 * docs/data-model.md, "Customer segments"); favourite-category weights; and the refresher's
 * schedule: every {@code refreshInterval} it recomputes customers with facts received since its
 * watermark minus {@code lookback}, and every {@code dailyPassInterval} everyone whose segments can
 * still change with time, at most {@code refreshBatch} customers per interval. Before each
 * recompute the refresher waits until the store has had no API read for {@code refreshYieldQuiet},
 * at most {@code refreshYieldMax} (decision 34).
 */
@ConfigurationProperties("waymark.customers")
public record CustomerSettings(
    @DefaultValue("EUR") String storeCurrency,
    @DefaultValue("30d") Duration recentWindow,
    @DefaultValue("14d") Duration newFor,
    @DefaultValue("7d") Duration activeWithin,
    @DefaultValue("30d") Duration atRiskAfter,
    @DefaultValue("60d") Duration atRiskUntil,
    @DefaultValue("90d") Duration churnedAfter,
    @DefaultValue("1000") BigDecimal highValueRevenue,
    @DefaultValue("5") int purchaseWeight,
    @DefaultValue("3") int cartAddWeight,
    @DefaultValue("1") int viewWeight,
    @DefaultValue("1m") Duration refreshInterval,
    @DefaultValue("24h") Duration dailyPassInterval,
    @DefaultValue("2h") Duration lookback,
    @DefaultValue("true") boolean refreshEnabled,
    @DefaultValue("100") int refreshBatch,
    @DefaultValue("20ms") Duration refreshYieldQuiet,
    @DefaultValue("5s") Duration refreshYieldMax) {

  /** The defaults, for tests and tools that run without Spring. */
  public static CustomerSettings defaults() {
    return new CustomerSettings(
        "EUR",
        Duration.ofDays(30),
        Duration.ofDays(14),
        Duration.ofDays(7),
        Duration.ofDays(30),
        Duration.ofDays(60),
        Duration.ofDays(90),
        new BigDecimal("1000"),
        5,
        3,
        1,
        Duration.ofMinutes(1),
        Duration.ofHours(24),
        Duration.ofHours(2),
        true,
        100,
        Duration.ofMillis(20),
        Duration.ofSeconds(5));
  }
}
