package io.waymark.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The analytical store and the sink that fills it. {@code memoryLimit}: DuckDB's memory limit,
 * "auto" = half of the machine's memory (indexes and hot data must fit, or every journey reads from
 * disk). {@code sinkEnabled=false} leaves the events in Kafka (for measuring the collector alone,
 * or while the store is being repaired). The sink gathers polls into one transaction until it has
 * {@code sinkMinBatch} records or {@code sinkLinger} has passed since the first.
 */
@ConfigurationProperties("waymark.store")
public record StoreSettings(
    @DefaultValue("") String duckdbFile,
    @DefaultValue("4") int readConnections,
    @DefaultValue("auto") String memoryLimit,
    @DefaultValue("256MB") String checkpointThreshold,
    @DefaultValue("20000") int sinkMaxBatch,
    @DefaultValue("200ms") Duration sinkPollTimeout,
    @DefaultValue("5000") int sinkMinBatch,
    @DefaultValue("500ms") Duration sinkLinger,
    @DefaultValue("true") boolean sinkEnabled) {}
