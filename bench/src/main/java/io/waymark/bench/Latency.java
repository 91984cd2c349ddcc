package io.waymark.bench;

import org.HdrHistogram.Histogram;

/** The latency percentiles a benchmark reports, in microseconds, read from a histogram. */
record Latency(long count, double p50, double p90, double p99, double p999, double max) {

  static final String[] HEADERS = {"p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms"};

  static Latency of(Histogram micros) {
    return new Latency(
        micros.getTotalCount(),
        micros.getValueAtPercentile(50),
        micros.getValueAtPercentile(90),
        micros.getValueAtPercentile(99),
        micros.getValueAtPercentile(99.9),
        micros.getMaxValue());
  }

  /** The percentiles as table cells in milliseconds, in the order of {@link #HEADERS}. */
  String[] cells() {
    return new String[] {
      Formats.millis(p50),
      Formats.millis(p90),
      Formats.millis(p99),
      Formats.millis(p999),
      Formats.millis(max)
    };
  }
}
