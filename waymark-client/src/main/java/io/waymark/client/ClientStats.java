package io.waymark.client;

/**
 * Counters since the client started: {@code queued} is what waits now; the others are totals of
 * events (and {@code retries} of requests sent again).
 */
public record ClientStats(
    long queued, long accepted, long rejected, long dropped, long failed, long retries) {}
