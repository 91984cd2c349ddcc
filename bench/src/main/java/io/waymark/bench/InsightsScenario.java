package io.waymark.bench;

import io.vertx.core.http.HttpMethod;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The insights benchmark: bulk-load the journey scenario's 30-day history straight into DuckDB,
 * start the server with {@code waymark.store.insights.rebuild-on-start=true} (the rollups are
 * counted from the loaded events, as the sink would have), then measure {@code GET
 * /api/v1/insights} for 7- and 30-day periods in UTC and in a zone with daylight saving.
 */
final class InsightsScenario {

  static final Target INSIGHTS_TARGET = Target.below("30-day insights p99 latency", 500, "ms");
  private static final int WARMUP_QUERIES = 20;

  private static final String[] HEADERS = {
    "period",
    "queries",
    "queries/s",
    "p50 ms",
    "p90 ms",
    "p99 ms",
    "p99.9 ms",
    "max ms",
    "errors",
    "non-200"
  };

  private InsightsScenario() {}

  static void run(Options options, Path dataDir, Results results, PrintStream out)
      throws Exception {
    Options.JourneySettings s = options.journey();
    int queries = options.insights().queries();
    Path db = dataDir.resolve("store").resolve("waymark.duckdb");
    out.println("step 1: start the server on an empty data directory to create the schema");
    try (ServerProcess server = ServerProcess.start(options.java(), options.serverJar(), dataDir)) {
      server.awaitReady(out);
    }
    if (!Files.isRegularFile(db)) {
      throw new IllegalStateException(
          "the server did not create " + db + "; see " + dataDir.resolve("server.log"));
    }
    out.printf(
        "step 2: bulk-load %s events for %s users%n",
        Formats.count(s.events()), Formats.count(s.users()));
    var plan = new DatasetSql.Plan(s.users(), s.events(), Instant.now());
    BulkLoader.Outcome loaded = BulkLoader.load(db, plan, BulkLoader.DEFAULT_CHUNK_ROWS, out);

    out.println("step 3: start the server, rebuilding the insight rollups from the events");
    try (ServerProcess server =
            ServerProcess.start(
                options.java(),
                options.serverJar(),
                dataDir,
                List.of("--waymark.store.insights.rebuild-on-start=true"));
        Load load = new Load(1)) {
      out.println("server log: " + server.log());
      // Counting the rollups from the loaded events takes longer than a plain start.
      Duration ready = server.awaitReady(out, Duration.ofMinutes(20));
      String auth = "Bearer " + server.adminKey();
      List<String[]> rows = new ArrayList<>();
      Tally thirty = null;
      for (String period : List.of("days=30&tz=UTC", "days=30&tz=Europe/Madrid", "days=7")) {
        String uri = "/api/v1/insights?" + period;
        RequestSource source = () -> new RequestSource.Request(uri, null);
        Tally warm = load.run(spec(server.port(), auth, source, WARMUP_QUERIES));
        if (warm.ok == 0) {
          throw new IllegalStateException(
              "no insights query succeeded: " + warm.sampleProblem + "; see " + server.log());
        }
        out.printf("measuring %d queries of %s ...%n", queries, uri);
        Tally t = load.run(spec(server.port(), auth, source, queries));
        thirty = thirty == null ? t : thirty;
        rows.add(row(period, t));
      }
      results.heading("Insights (GET /api/v1/insights, one query in flight, after a warm-up)");
      results.line(
          Formats.count(loaded.events())
              + " events of "
              + Formats.count(loaded.users())
              + " users over 30 days, bulk-loaded; server ready (rollups rebuilt from the"
              + " events) in "
              + Formats.seconds(ready.toMillis() / 1000.0));
      Table table = new Table(HEADERS);
      rows.forEach(table::row);
      out.print(table.text());
      results.table(table);
      results.verdict(
          INSIGHTS_TARGET.verdict(
              thirty.latencyMicros.getValueAtPercentile(99) / 1000.0, thirty.problems()));
      results.line("server RSS at end: " + server.rssBytes().map(Formats::bytes).orElse("n/a"));
    }
  }

  private static LoadSpec spec(int port, String auth, RequestSource source, long count) {
    return LoadSpec.closedLoop(
        port, HttpMethod.GET, auth, source, false, 1, 1, Duration.ofHours(1), count, 1);
  }

  private static String[] row(String label, Tally t) {
    List<String> row = new ArrayList<>();
    row.add(label);
    row.add(Formats.count(t.requests()));
    row.add(Formats.rate(t.requestsPerSecond()));
    row.addAll(List.of(Latency.of(t.latencyMicros).cells()));
    row.add(Formats.count(t.failedRequests()));
    row.add(Formats.count(t.nonOk()));
    return row.toArray(String[]::new);
  }
}
