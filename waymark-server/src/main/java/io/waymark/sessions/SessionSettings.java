package io.waymark.sessions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The session rule (shared by the stream processor and journeys) and the stream processor's
 * runtime. {@code grace}: how late (in event time) an event may arrive and still update sessions (a
 * later one still counts in the 7-day profile, whose window is the collector's {@code
 * max-event-age}). {@code identityMemory}: how long after its last event an identity's first-seen
 * time is kept (for the new-identity alert). {@code maxPageTime}: the cap on the time one event
 * counts towards time on site (profiles; keep it equal to waymark.journeys.max-page-time).
 */
@ConfigurationProperties("waymark.sessions")
public record SessionSettings(
    @DefaultValue("30m") Duration gap,
    @DefaultValue("72h") Duration grace,
    @DefaultValue("90d") Duration identityMemory,
    @DefaultValue("10m") Duration maxPageTime,
    @DefaultValue("true") boolean streamEnabled,
    @DefaultValue("1") int streamThreads,
    @DefaultValue("100ms") Duration commitInterval,
    @DefaultValue("local") String instanceId) {}
