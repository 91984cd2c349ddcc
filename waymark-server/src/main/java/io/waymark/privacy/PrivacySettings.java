package io.waymark.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Erasure. {@code streamTimeout}: how long an erasure waits for the stream processor to reach its
 * marker; {@code sinkTimeout}: how long it waits for the store sink to finish batches decoded
 * before the keys were destroyed; a request that fails is retried {@code maxAttempts} times, {@code
 * retryDelay} apart.
 */
@ConfigurationProperties("waymark.privacy")
public record PrivacySettings(
    @DefaultValue("60s") Duration streamTimeout,
    @DefaultValue("60s") Duration sinkTimeout,
    @DefaultValue("5") int maxAttempts,
    @DefaultValue("10s") Duration retryDelay) {}
