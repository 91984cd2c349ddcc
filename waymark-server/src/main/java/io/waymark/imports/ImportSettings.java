package io.waymark.imports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Bulk imports. {@code maxFileSize}: the largest upload accepted; {@code concurrency}: how many
 * imports run at once (the others wait, queued); {@code batchRows}: rows written per store
 * transaction or log batch; {@code keptErrors}: row errors kept in the job for display (every bad
 * row is quarantined regardless).
 */
@ConfigurationProperties("waymark.imports")
public record ImportSettings(
    @DefaultValue("1GB") DataSize maxFileSize,
    @DefaultValue("1") int concurrency,
    @DefaultValue("500") int batchRows,
    @DefaultValue("20") int keptErrors) {}
