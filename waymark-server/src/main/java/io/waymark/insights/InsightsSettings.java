package io.waymark.insights;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Insight periods: {@code defaultDays} local days ending today when no period is given, at most
 * {@code maxPeriod} long; top lists hold {@code defaultLimit} entries unless asked for more (up to
 * {@code maxLimit}).
 */
@ConfigurationProperties("waymark.insights")
public record InsightsSettings(
    @DefaultValue("30") int defaultDays,
    @DefaultValue("400d") Duration maxPeriod,
    @DefaultValue("10") int defaultLimit,
    @DefaultValue("100") int maxLimit) {}
