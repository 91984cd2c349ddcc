package io.waymark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class FormatsTest {

  @Test
  void formatsLatencyInMillisecondsWithAboutThreeSignificantDigits() {
    assertThat(Formats.millis(0)).isEqualTo("0.00");
    assertThat(Formats.millis(421)).isEqualTo("0.42");
    assertThat(Formats.millis(4_213)).isEqualTo("4.21");
    assertThat(Formats.millis(42_130)).isEqualTo("42.1");
    assertThat(Formats.millis(421_300)).isEqualTo("421");
    assertThat(Formats.millis(12_345_678)).isEqualTo("12,346");
  }

  @Test
  void formatsCountsRatesAndSizes() {
    assertThat(Formats.count(1_234_567)).isEqualTo("1,234,567");
    assertThat(Formats.rate(312_456.4)).isEqualTo("312,456");
    assertThat(Formats.bytes(512)).isEqualTo("512 B");
    assertThat(Formats.bytes(3L * 1024 * 1024 / 2)).isEqualTo("1.50 MiB");
    assertThat(Formats.bytes(25L * 1024 * 1024 * 1024)).isEqualTo("25 GiB");
  }

  @Test
  void readsThePercentilesFromAHistogram() {
    var micros = new Histogram(3);
    for (int i = 1; i <= 1000; i++) {
      micros.recordValue(i);
    }

    Latency latency = Latency.of(micros);

    assertThat(latency.count()).isEqualTo(1000);
    assertThat(latency.cells()).containsExactly("0.50", "0.90", "0.99", "1.00", "1.00");
  }

  @Test
  void rendersATableAsAlignedTextAndAsMarkdown() {
    var table = new Table("phase", "req/s").row("single", "25,000").row("batch x500", "600");

    assertThat(table.text())
        .isEqualTo("phase        req/s\nsingle      25,000\nbatch x500     600\n");
    assertThat(table.markdown())
        .isEqualTo("| phase | req/s |\n|---|---:|\n| single | 25,000 |\n| batch x500 | 600 |\n");
  }

  @Test
  void statesTheMarginAgainstATarget() {
    Target throughput = Target.atLeast("phase 1 acknowledged", 200_000, "events/s");
    Target p99 = Target.below("phase 3 p99 latency", 50, "ms");

    assertThat(throughput.verdict(300_000, 0))
        .isEqualTo(
            "PASS  phase 1 acknowledged 300,000 events/s >= 200,000 events/s (+50.0% margin)");
    assertThat(p99.verdict(60, 0))
        .isEqualTo("MISS  phase 3 p99 latency 60.00 ms < 50.00 ms (20.0% short)");
    assertThat(p99.verdict(10, 3)).startsWith("MISS").endsWith("; 3 failed requests");
  }

  @Test
  void readsTheCollectorsAcceptedAndRejectedCounts() {
    String body = "{\"accepted\": 498, \"rejected\":2, \"errors\": []}";

    assertThat(Tally.jsonCount(body, "accepted")).isEqualTo(498);
    assertThat(Tally.jsonCount(body, "rejected")).isEqualTo(2);
    assertThat(Tally.jsonCount(body, "missing")).isEqualTo(-1);
  }
}
