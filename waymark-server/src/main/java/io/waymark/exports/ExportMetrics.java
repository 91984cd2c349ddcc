package io.waymark.exports;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code waymark_export_runs_total{export,status}} and {@code
 * waymark_export_last_success_timestamp_seconds{export}} (epoch seconds of the last successful
 * run's end; absent until one succeeded since start).
 */
final class ExportMetrics {

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

  ExportMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void finished(String export, ExportRun.Status status, long atMillis) {
    Counter.builder("waymark.export.runs")
        .description("Export runs ended, by export and status")
        .tag("export", export)
        .tag("status", status.name().toLowerCase(java.util.Locale.ROOT))
        .register(registry)
        .increment();
    if (status == ExportRun.Status.SUCCEEDED) {
      lastSuccess
          .computeIfAbsent(
              export,
              e -> {
                AtomicLong v = new AtomicLong();
                Gauge.builder("waymark.export.last.success.timestamp", v, AtomicLong::doubleValue)
                    .description("When the export's last successful run ended (epoch seconds)")
                    .baseUnit("seconds")
                    .tag("export", e)
                    .register(registry);
                return v;
              })
          .set(atMillis / 1000);
    }
  }
}
