package io.waymark.alerts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alert delivery. {@code rulesRefresh}: how often rules changed by other instances are reloaded;
 * webhooks are retried {@code webhookMaxAttempts} times with exponential backoff from {@code
 * webhookBackoff} up to {@code webhookMaxBackoff}.
 */
@ConfigurationProperties("waymark.alerts")
public record AlertSettings(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("5s") Duration rulesRefresh,
    @DefaultValue("8") int webhookMaxAttempts,
    @DefaultValue("1s") Duration webhookBackoff,
    @DefaultValue("5m") Duration webhookMaxBackoff,
    @DefaultValue("5s") Duration webhookTimeout) {}
