package io.waymark.store.clickhouse;

import io.waymark.events.Event;
import io.waymark.store.SinkBatch;
import io.waymark.store.UserSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A measurement, not a test (run by hand, see docs/clickhouse.md): the sink's write rate into
 * ClickHouse with batches of 5,000 events from one writer, then journey and user-search latency on
 * what it wrote. Args: events (default 1,000,000), users (default 100,000).
 */
final class ClickHouseStoreBench {

  private ClickHouseStoreBench() {}

  public static void main(String[] args) {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int users = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int batchSize = 5_000;
    long t0 = 1_772_355_600_000L;
    long span = 30L * 86_400_000L;
    ClickHouseServer server = ClickHouseServer.shared();
    System.out.println("server start: " + server.startMillis() + " ms");
    Random random = new Random(42);
    try (ClickHouseStore store = new ClickHouseStore(server.newDatabase())) {
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean)
              java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      long serverCpuBefore = server.cpuMillis();
      long ownCpuBefore = os.getProcessCpuTime();
      long writeNanos = 0;
      long[] perBatch = new long[total / batchSize];
      for (int b = 0; b < total / batchSize; b++) {
        List<Event> events = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
          int u = random.nextInt(users);
          long ts = t0 + (long) (random.nextDouble() * span);
          events.add(
              new Event(
                  UUID.randomUUID(),
                  random.nextInt(4) == 0 ? "product_view" : "page_view",
                  "user-" + u,
                  u % 3 == 0 ? "anon-" + u : null,
                  "s-" + u,
                  ts,
                  ts - 20,
                  ts - 10,
                  ts + 5,
                  "/page/" + random.nextInt(500),
                  "Page",
                  "https://example.com/",
                  "p-" + random.nextInt(2_000),
                  null,
                  null,
                  null,
                  null,
                  null,
                  new Event.Context("10.0.0.1", "Mozilla/5.0 (X11; Linux x86_64)", "en-GB", "GB"),
                  "http",
                  1));
        }
        SinkBatch batch =
            new SinkBatch(
                events, List.of(), Map.of("events", Map.of(0, (long) (b + 1) * batchSize)));
        long started = System.nanoTime();
        store.write(batch);
        perBatch[b] = System.nanoTime() - started;
        writeNanos += perBatch[b];
      }
      long serverCpu = server.cpuMillis() - serverCpuBefore;
      long ownCpu = (os.getProcessCpuTime() - ownCpuBefore) / 1_000_000;
      Arrays.sort(perBatch);
      System.out.printf(
          "sink CPU: ClickHouse %.2f s, Waymark's JVM %.2f s (generating the events included)"
              + " for %d events: %.0f events per CPU-second of both together%n",
          serverCpu / 1e3, ownCpu / 1e3, total, total / ((serverCpu + ownCpu) / 1e3));
      System.out.printf(
          "sink: %d events in batches of %d, one writer: %.0f events/s (batch p50 %.0f ms, p99 %.0f ms)%n",
          total,
          batchSize,
          total / (writeNanos / 1e9),
          perBatch[perBatch.length / 2] / 1e6,
          perBatch[(int) (perBatch.length * 0.99)] / 1e6);
      measure(
          "journey (30 days, limit 1000)",
          () -> store.userEvents("user-" + random.nextInt(users), t0, t0 + span, 1_000).size());
      measure(
          "user summary",
          () ->
              store.user("user-" + random.nextInt(users)).map(UserSummary::eventCount).orElse(0L));
      measure(
          "user search by prefix (limit 20)",
          () -> store.findUsers("user-" + random.nextInt(users / 100), 20).size());
      measure("user list, most recent first (limit 20)", () -> store.findUsers("", 20).size());
    }
    System.exit(0);
  }

  private static void measure(String name, java.util.function.Supplier<Number> query) {
    for (int i = 0; i < 20; i++) {
      query.get();
    }
    int n = 200;
    long[] nanos = new long[n];
    long rows = 0;
    for (int i = 0; i < n; i++) {
      long started = System.nanoTime();
      rows += query.get().longValue();
      nanos[i] = System.nanoTime() - started;
    }
    Arrays.sort(nanos);
    System.out.printf(
        "%s: p50 %.1f ms, p99 %.1f ms (%.1f rows on average)%n",
        name, nanos[n / 2] / 1e6, nanos[(int) (n * 0.99)] / 1e6, rows / (double) n);
  }
}
