package io.waymark.store;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code rebuildOnStart}: empty the insight rollups and recount them from {@code events} when
 * Waymark starts (after events were loaded into the store by other means than the sink, such as a
 * bulk load or a restored file).
 */
@ConfigurationProperties("waymark.store.insights")
public record InsightsStoreSettings(@DefaultValue("false") boolean rebuildOnStart) {}
