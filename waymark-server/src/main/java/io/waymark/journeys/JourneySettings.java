package io.waymark.journeys;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Journey limits (the session rule itself is waymark.sessions.gap). */
@ConfigurationProperties("waymark.journeys")
public record JourneySettings(
    @DefaultValue("10m") Duration maxPageTime,
    @DefaultValue("7d") Duration defaultPeriod,
    @DefaultValue("400d") Duration maxPeriod,
    @DefaultValue("20000") int maxEvents) {}
