package io.waymark.bench;

import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The journey benchmark: bulk-load a realistic history straight into the server's DuckDB store,
 * then measure journey and user-search queries through the REST API.
 */
final class JourneyScenario {

  private static final String STORE_QUERY = "waymark.store.query";
  private static final String EVENTS_LOOKUP = "query:events by user";
  private static final String RECENT_READY = "waymark.store.recent.ready";

  static final int WARMUP_QUERIES = 1_000;
  static final Duration WINDOW = Duration.ofDays(7);
  static final Target JOURNEY_TARGET = Target.below("journey p99 latency", 20, "ms");

  private static final String[] HEADERS = {
    "query",
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

  private JourneyScenario() {}

  static void run(Options options, Path dataDir, Results results, PrintStream out)
      throws Exception {
    Options.JourneySettings s = options.journey();
    Path db = dataDir.resolve("store").resolve("waymark.duckdb");

    out.println(
        "step 1: start the server on an empty data directory so that it creates the schema");
    try (ServerProcess server = ServerProcess.start(options.java(), options.serverJar(), dataDir)) {
      out.println("server log: " + server.log());
      server.awaitReady(out);
    }
    if (!Files.isRegularFile(db)) {
      throw new IllegalStateException(
          "the server did not create " + db + "; see " + dataDir.resolve("server.log"));
    }

    out.printf(
        "step 2: bulk-load %s events for %s users into %s%n",
        Formats.count(s.events()), Formats.count(s.users()), db);
    var plan = new DatasetSql.Plan(s.users(), s.events(), Instant.now());
    BulkLoader.Outcome loaded = BulkLoader.load(db, plan, BulkLoader.DEFAULT_CHUNK_ROWS, out);
    results.heading("Bulk load (DuckDB INSERT ... SELECT, server stopped)");
    results.line(
        Formats.count(loaded.events())
            + " events in "
            + Formats.seconds(loaded.eventsTime().toMillis() / 1000.0)
            + " ("
            + Formats.rate(loaded.eventsPerSecond())
            + " rows/s, primary key and the server's indexes maintained); "
            + Formats.count(loaded.users())
            + " users in "
            + Formats.seconds(loaded.usersTime().toMillis() / 1000.0)
            + "; checkpoint "
            + Formats.seconds(loaded.checkpoint().toMillis() / 1000.0));
    results.line("store size after load: " + Formats.bytes(storeSize(db)));

    out.println("step 3: start the server on the loaded store and query it");
    try (ServerProcess server = ServerProcess.start(options.java(), options.serverJar(), dataDir);
        Load load = new Load(1)) {
      out.println("server log: " + server.log());
      Duration ready = server.awaitReady(out);
      String auth = "Bearer " + server.adminKey();
      out.println(
          "step 4: compact the store (rewrite in user and time order) through the admin API");
      StoreCompaction.Outcome compacted = StoreCompaction.run(server.port(), auth, out);
      results.heading("Compaction (POST /api/v1/admin/store/compaction, server running)");
      results.line(
          Formats.count(compacted.eventRows())
              + " events rewritten in "
              + Formats.seconds(compacted.durationMs() / 1000.0)
              + " (copy "
              + Formats.seconds(compacted.copyMs() / 1000.0)
              + "); sink and queries paused "
              + compacted.pauseMs()
              + " ms; store "
              + Formats.bytes(compacted.bytesBefore())
              + " before, "
              + Formats.bytes(compacted.after())
              + " after; load average "
              + loadAverage());
      ServerMetrics metrics = new ServerMetrics(server.managementPort(), server.adminKey());
      results.line(awaitRecentEvents(metrics, out));
      Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      String window = "?from=" + to.minus(WINDOW) + "&to=" + to;
      var random = new SplittableRandom();
      RequestSource journeys =
          cycle(
              Stream.generate(
                      () ->
                          "/api/v1/users/"
                              + DatasetSql.userKey(1 + random.nextLong(s.users()), s.users())
                              + "/journey"
                              + window)
                  .limit(WARMUP_QUERIES + (long) s.queries())
                  .toList());
      RequestSource searches =
          cycle(
              Stream.generate(
                      () -> {
                        String key = DatasetSql.userKey(1 + random.nextLong(s.users()), s.users());
                        return "/api/v1/users?q="
                            + key.substring(0, key.length() - random.nextInt(3));
                      })
                  .limit(searchQueries(s))
                  .toList());

      out.printf("warming up with %d journey queries on each port ...%n", WARMUP_QUERIES);
      load.run(queries(server.collectorPort(), auth, journeys, WARMUP_QUERIES, s));
      Tally warmup = load.run(queries(server.port(), auth, journeys, WARMUP_QUERIES, s));
      out.println("sample journey response: " + warmup.sampleOkBody);
      if (warmup.ok == 0) {
        throw new IllegalStateException(
            "no journey query succeeded during warm-up; first problem: "
                + warmup.sampleProblem
                + "; server log: "
                + server.log());
      }
      out.printf(
          "measuring %d journey queries at concurrency %d ...%n", s.queries(), s.concurrency());
      // The lean collector port serves journeys too (as it does the profile): the main port's
      // request handling costs about as much CPU as the lookup. Both are measured.
      ServerMetrics.TimerTotals lookupsBefore = metrics.timer(STORE_QUERY, EVENTS_LOOKUP);
      double memoryBefore = answered(metrics, "memory");
      Tally journey = load.run(queries(server.collectorPort(), auth, journeys, s.queries(), s));
      ServerMetrics.TimerTotals lookupsAfter = metrics.timer(STORE_QUERY, EVENTS_LOOKUP);
      double fromMemory = answered(metrics, "memory") - memoryBefore;
      out.printf("measuring %d journey queries on the main port ...%n", s.queries());
      Tally journeyApi = load.run(queries(server.port(), auth, journeys, s.queries(), s));
      out.printf("measuring %d user search queries ...%n", searchQueries(s));
      Tally search = load.run(queries(server.port(), auth, searches, searchQueries(s), s));
      RequestSource shortSearches =
          cycle(
              Stream.generate(
                      () ->
                          "/api/v1/users?q="
                              + DatasetSql.userKey(1 + random.nextLong(s.users()), s.users())
                                  .substring(0, 2 + random.nextInt(3)))
                  .limit(searchQueries(s))
                  .toList());
      out.printf("measuring %d short-prefix user search queries ...%n", searchQueries(s));
      Tally shortSearch =
          load.run(queries(server.port(), auth, shortSearches, searchQueries(s), s));

      results.heading("Queries (REST API, " + s.concurrency() + " in flight, random users)");
      results.line(
          "server ready on the loaded store in "
              + Formats.seconds(ready.toMillis() / 1000.0)
              + "; journey window "
              + WINDOW.toDays()
              + " days; "
              + WARMUP_QUERIES
              + " warm-up queries");
      Table table = new Table(HEADERS);
      table.row(row("journey (7 days), lean port", journey));
      table.row(row("journey (7 days), main port", journeyApi));
      table.row(row("user search (prefix)", search));
      table.row(row("user search (1-3 digit prefix)", shortSearch));
      results.table(table);
      results.line(
          String.format(
              java.util.Locale.ROOT,
              "store lookups during the lean-port journeys: %d (%.2f per journey), mean %.2f ms"
                  + " each (waymark_store_query_seconds, query \"events by user\")",
              lookupsAfter.count() - lookupsBefore.count(),
              (lookupsAfter.count() - lookupsBefore.count()) / (double) journey.ok,
              lookupsAfter.meanMillisSince(lookupsBefore)));
      results.line(
          String.format(
              java.util.Locale.ROOT,
              "lean-port journeys whose events came from the recent events in memory: %.0f of %d"
                  + " (waymark_store_recent_reads_total)",
              fromMemory,
              journey.ok));
      results.verdict(
          JOURNEY_TARGET.verdict(
              journey.latencyMicros.getValueAtPercentile(99) / 1000.0, journey.problems()));
      for (Tally t : List.of(journey, journeyApi, search, shortSearch)) {
        if (t.sampleProblem != null) {
          results.line("first problem: " + t.sampleProblem);
        }
      }
      results.line(
          "server RSS after queries: "
              + server.rssBytes().map(Formats::bytes).orElse("n/a")
              + "; store size: "
              + Formats.bytes(storeSize(db))
              + "; load average "
              + loadAverage());
    }
  }

  /**
   * Waits until the server holds the recent events in memory (decision 37), so that the queries
   * measure the steady state rather than the minutes after a start; says how long that took.
   */
  private static String awaitRecentEvents(ServerMetrics metrics, PrintStream out)
      throws IOException, InterruptedException {
    long started = System.nanoTime();
    try {
      metrics.meterValue(RECENT_READY);
    } catch (IOException e) {
      return "recent events in memory: not on this server (" + e.getMessage() + ")";
    }
    out.println("waiting until the server holds the recent events in memory ...");
    long deadline = started + Duration.ofMinutes(15).toNanos();
    while (metrics.meterValue(RECENT_READY) < 1) {
      if (System.nanoTime() > deadline) {
        return "recent events in memory: still loading after 15 minutes; measured without";
      }
      Thread.sleep(500);
    }
    return String.format(
        java.util.Locale.ROOT,
        "recent events in memory: %s events of %s users, ready %.1f s after compaction",
        Formats.count((long) metrics.meterValue("waymark.store.recent.events")),
        Formats.count((long) metrics.meterValue("waymark.store.recent.users")),
        (System.nanoTime() - started) / 1e9);
  }

  private static double answered(ServerMetrics metrics, String by)
      throws IOException, InterruptedException {
    try {
      return metrics.meterValue("waymark.store.recent.reads", "answered:" + by);
    } catch (IOException e) {
      return 0; // a server without them, or none counted yet
    }
  }

  /** The 1, 5 and 15 minute load averages: the machine is shared, so say how busy it was. */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "n/a";
    }
  }

  private static int searchQueries(Options.JourneySettings s) {
    return Math.max(100, s.queries() / 10);
  }

  private static LoadSpec queries(
      int port, String auth, RequestSource source, long count, Options.JourneySettings s) {
    return LoadSpec.closedLoop(
        port,
        HttpMethod.GET,
        auth,
        source,
        false,
        s.concurrency(),
        s.concurrency(),
        Duration.ofHours(2),
        count,
        1);
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

  /** Hands out the URIs round-robin; thread-safe. */
  private static RequestSource cycle(List<String> uris) {
    var next = new AtomicLong();
    return () ->
        new RequestSource.Request(uris.get((int) (next.getAndIncrement() % uris.size())), null);
  }

  /** The DuckDB file plus its write-ahead log, if any. */
  private static long storeSize(Path db) throws IOException {
    Path wal = db.resolveSibling(db.getFileName() + ".wal");
    return Files.size(db) + (Files.exists(wal) ? Files.size(wal) : 0);
  }
}
