package io.waymark.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long quarantined items are kept in the store ({@code retention}, counted from receipt) and
 * how often older ones are deleted ({@code checkEvery}).
 */
@ConfigurationProperties("waymark.quarantine")
public record QuarantineSettings(
    @DefaultValue("30d") Duration retention, @DefaultValue("1h") Duration checkEvery) {}
