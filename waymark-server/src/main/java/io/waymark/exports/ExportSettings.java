package io.waymark.exports;

import io.waymark.platform.AllowedDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Exports. {@code retention}: how long the files of a day are kept under the data directory (for
 * download and re-delivery) after the day; {@code checkEvery}: how often the scheduler looks for a
 * due run; webhook delivery: {@code webhookTimeout} per try, up to {@code webhookMaxAttempts}
 * tries, waiting {@code webhookBackoff} doubling up to {@code webhookMaxBackoff}; {@code
 * instanceId}: this instance's name on the runs it owns; {@code directoryRoots}: the server
 * directories that directory exports may write into (none: directory exports are off).
 */
@ConfigurationProperties("waymark.exports")
public record ExportSettings(
    @DefaultValue("30d") Duration retention,
    @DefaultValue("30s") Duration checkEvery,
    @DefaultValue("30s") Duration webhookTimeout,
    @DefaultValue("5") int webhookMaxAttempts,
    @DefaultValue("2s") Duration webhookBackoff,
    @DefaultValue("5m") Duration webhookMaxBackoff,
    @DefaultValue("local") String instanceId,
    List<Path> directoryRoots) {

  public ExportSettings {
    directoryRoots = directoryRoots == null ? List.of() : List.copyOf(directoryRoots);
  }

  AllowedDirectories roots() {
    return new AllowedDirectories(directoryRoots);
  }
}
