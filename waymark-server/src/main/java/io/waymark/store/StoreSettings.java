package io.waymark.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The analytical store and the sink that fills it. {@code memoryLimit}: DuckDB's memory limit,
 * "auto" = half of the machine's memory (indexes and hot data must fit, or every journey reads from
 * disk). {@code sinkEnabled=false} leaves the events in Kafka (for measuring the collector alone,
 * or while the store is being repaired). The sink gathers polls into one transaction until it has
 * {@code sinkMinBatch} records or {@code sinkLinger} has passed since the first. {@code
 * compaction}: when the store file is rewritten in (user, time) order (docs/operations.md). {@code
 * recent}: the last days of events held in memory for journeys (decision 37).
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
    @DefaultValue("true") boolean sinkEnabled,
    @DefaultValue Compaction compaction,
    @DefaultValue Recent recent) {

  /**
   * Compaction triggers: every day at {@code dailyAt} (UTC, "HH:mm"; blank: never), and once {@code
   * afterRows} events were appended since the last one (0: never), checked every {@code
   * checkEvery}. A run gives up when more than {@code maxBufferedEvents} arrive while it copies.
   */
  public record Compaction(
      @DefaultValue("03:00") String dailyAt,
      @DefaultValue("20000000") long afterRows,
      @DefaultValue("1m") Duration checkEvery,
      @DefaultValue("2000000") long maxBufferedEvents) {}

  /**
   * The recent events in memory: those of the last {@code window} (a day more than the journeys'
   * default period, so that a default journey asked a moment later is still inside), at most {@code
   * maxEvents} (0: as many as one sixth of the heap holds, at ~72 bytes each). The oldest minutes
   * leave memory first when the cap is reached; journeys over them read DuckDB.
   */
  public record Recent(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("8d") Duration window,
      @DefaultValue("0") long maxEvents) {}
}
