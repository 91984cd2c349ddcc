package io.waymark.sources;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Connected sources. {@code timeout}: the longest a whole HTTP fetch may take; {@code
 * connectTimeout}: to reach the host; {@code maxBodySize}: the largest file fetched (a run fails
 * beyond it); {@code fileRoots}: the server directories that local sources may read (none: local
 * sources are off); {@code maxFiles}: files read from one directory per run; {@code tick}: how
 * often the scheduler looks for due sources; {@code concurrency}: runs fetching at once.
 */
@ConfigurationProperties("waymark.sources")
public record SourceSettings(
    @DefaultValue("60s") Duration timeout,
    @DefaultValue("10s") Duration connectTimeout,
    @DefaultValue("100MB") DataSize maxBodySize,
    List<Path> fileRoots,
    @DefaultValue("50") int maxFiles,
    @DefaultValue("15s") Duration tick,
    @DefaultValue("2") int concurrency) {

  public SourceSettings {
    fileRoots =
        fileRoots == null
            ? List.of()
            : fileRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }
}
