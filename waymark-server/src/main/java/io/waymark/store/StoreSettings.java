package io.waymark.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The analytical store and the sink that fills it. {@code sinkEnabled=false} leaves the events in
 * Kafka (for measuring the collector alone, or while the store is being repaired).
 */
@ConfigurationProperties("waymark.store")
public record StoreSettings(
    @DefaultValue("") String duckdbFile,
    @DefaultValue("4") int readConnections,
    @DefaultValue("4GB") String memoryLimit,
    @DefaultValue("20000") int sinkMaxBatch,
    @DefaultValue("200ms") Duration sinkPollTimeout,
    @DefaultValue("true") boolean sinkEnabled) {}
