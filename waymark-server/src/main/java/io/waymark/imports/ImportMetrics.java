package io.waymark.imports;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code waymark_import_rows_total{kind, outcome}}: rows accepted, quarantined, or suppressed (rows
 * of erased people who asked not to be tracked again: not stored) by imports.
 */
final class ImportMetrics {

  private final Map<ImportKind, Counter> accepted = new EnumMap<>(ImportKind.class);
  private final Map<ImportKind, Counter> quarantined = new EnumMap<>(ImportKind.class);
  private final Map<ImportKind, Counter> suppressed = new EnumMap<>(ImportKind.class);

  ImportMetrics(MeterRegistry registry) {
    for (ImportKind k : ImportKind.values()) {
      accepted.put(k, counter(registry, k, "accepted"));
      quarantined.put(k, counter(registry, k, "quarantined"));
      suppressed.put(k, counter(registry, k, "suppressed"));
    }
  }

  private static Counter counter(MeterRegistry registry, ImportKind kind, String outcome) {
    return Counter.builder("waymark.import.rows")
        .description("rows read by bulk imports, by file kind and outcome")
        .tag("kind", kind.apiName())
        .tag("outcome", outcome)
        .register(registry);
  }

  void accepted(ImportKind kind, long n) {
    accepted.get(kind).increment(n);
  }

  void quarantined(ImportKind kind, long n) {
    quarantined.get(kind).increment(n);
  }

  void suppressed(ImportKind kind, long n) {
    suppressed.get(kind).increment(n);
  }
}
