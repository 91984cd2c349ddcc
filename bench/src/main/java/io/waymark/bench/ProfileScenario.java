package io.waymark.bench;

import io.vertx.core.http.HttpMethod;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The profile benchmark: fills the stream processor's per-user state with {@code --profile-users}
 * users (a short session each, sent through the collector), waits until the stream has processed
 * everything, then measures {@code GET /v1/user/{id}} for random users.
 */
final class ProfileScenario {

  static final Target PROFILE_TARGET = Target.below("7-day profile p99 latency", 10, "ms");
  private static final int EVENTS_PER_USER = 4;
  private static final int USERS_PER_BODY = 125; // 500 events per request

  private static final String[] HEADERS = {
    "phase",
    "requests",
    "req/s",
    "p50 ms",
    "p90 ms",
    "p99 ms",
    "p99.9 ms",
    "max ms",
    "errors",
    "non-200"
  };

  private ProfileScenario() {}

  static void run(Options options, Path dataDir, Results results, PrintStream out)
      throws Exception {
    Options.ProfileSettings s = options.profile();
    try (ServerProcess server = ServerProcess.start(options.java(), options.serverJar(), dataDir);
        Load load = new Load(2)) {
      out.println("server log: " + server.log());
      server.awaitReady(out);
      ServerMetrics metrics = new ServerMetrics(server.managementPort(), server.adminKey());
      long bodies = (s.users() + USERS_PER_BODY - 1) / USERS_PER_BODY;
      Instant base = Instant.now().minus(Duration.ofHours(2));
      AtomicLong nextBody = new AtomicLong();
      RequestSource fill =
          () ->
              new RequestSource.Request(
                  IngestScenario.EVENTS_PATH, body(nextBody.getAndIncrement(), s.users(), base));
      out.printf(
          "loading %s users x %d events through the collector ...%n",
          Formats.count(s.users()), EVENTS_PER_USER);
      long started = System.nanoTime();
      Tally loaded =
          load.run(
              LoadSpec.closedLoop(
                  server.collectorPort(),
                  HttpMethod.POST,
                  "Bearer " + server.ingestKey(),
                  fill,
                  true,
                  8,
                  8,
                  Duration.ofHours(1),
                  bodies,
                  2));
      // Measure a settled server: the stream has processed everything and the store sink has
      // written it (otherwise the queries compete with the backlog for the two cores).
      ServerMetrics.Reading r = metrics.read();
      while (r.streamLag() > 0 || r.storeWritten() < loaded.acceptedEvents) {
        Thread.sleep(500);
        r = metrics.read();
      }
      out.printf(
          "loaded %s events in %.1f s (stream and store caught up)%n",
          Formats.count(loaded.acceptedEvents), (System.nanoTime() - started) / 1e9);
      SplittableRandom random = new SplittableRandom(42);
      RequestSource queries =
          () ->
              new RequestSource.Request(
                  "/v1/user/" + user(random.split().nextLong(s.users())), null);
      String auth = "Bearer " + server.adminKey();
      // The lean collector port serves the profile too (the main port's request handling cost
      // more than the lookup); the main port's figures are measured after it, for comparison.
      // The warm-up is long enough for the JIT to compile the read path on both ports (C2 takes
      // its methods after ~10,000 calls, and the two cores are shared with its compiler threads).
      int warmup = Math.max(5_000, s.queries() / 2);
      load.run(spec(server.collectorPort(), auth, queries, warmup, s.concurrency()));
      load.run(spec(server.port(), auth, queries, warmup, s.concurrency()));
      Tally t = load.run(spec(server.collectorPort(), auth, queries, s.queries(), s.concurrency()));
      Tally api = load.run(spec(server.port(), auth, queries, s.queries(), s.concurrency()));
      results.heading(
          "7-day behavioural profile (GET /v1/user/{id}, from the stream's state, lean port)");
      results.line(
          Formats.count(s.users())
              + " users ("
              + Formats.count(loaded.acceptedEvents)
              + " events) in the per-user state; "
              + s.concurrency()
              + " queries in flight, random users, after a warm-up");
      Table table = new Table(HEADERS);
      table.row(row(t));
      Table main = new Table(HEADERS);
      main.row(row(api));
      out.print(table.text());
      results.table(table);
      results.verdict(
          PROFILE_TARGET.verdict(t.latencyMicros.getValueAtPercentile(99) / 1000.0, t.problems()));
      results.heading("the same on the main API port (Spring MVC), for comparison");
      out.print(main.text());
      results.table(main);
      results.line("server RSS at end: " + server.rssBytes().map(Formats::bytes).orElse("n/a"));
    }
  }

  private static LoadSpec spec(int port, String auth, RequestSource source, long count, int c) {
    return LoadSpec.closedLoop(
        port, HttpMethod.GET, auth, source, false, c, c, Duration.ofHours(1), count, 1);
  }

  static String user(long i) {
    return String.format("pu%07d", i);
  }

  /** Body {@code n}: {@value #USERS_PER_BODY} users, each a page, a page, a product, a click. */
  static byte[] body(long n, long users, Instant base) {
    StringBuilder b = new StringBuilder(USERS_PER_BODY * EVENTS_PER_USER * 120).append('[');
    long first = n * USERS_PER_BODY;
    for (long u = first; u < Math.min(users, first + USERS_PER_BODY); u++) {
      Instant t = base.plusMillis(u % 3_600_000);
      String id = user(u);
      if (u > first) {
        b.append(',');
      }
      b.append(event(id, "page_view", t, "\"page_url\":\"/home\""))
          .append(',')
          .append(event(id, "page_view", t.plusSeconds(40), "\"page_url\":\"/c/" + (u % 50) + "\""))
          .append(',')
          .append(
              event(id, "product_view", t.plusSeconds(90), "\"product_id\":\"p" + (u % 900) + "\""))
          .append(',')
          .append(event(id, "click", t.plusSeconds(100), null));
    }
    return b.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String event(String user, String type, Instant at, String extra) {
    return "{\"type\":\""
        + type
        + "\",\"user_id\":\""
        + user
        + "\",\"timestamp\":\""
        + at
        + "\""
        + (extra == null ? "" : "," + extra)
        + "}";
  }

  private static String[] row(Tally t) {
    Latency l = Latency.of(t.latencyMicros);
    return new String[] {
      "profiles",
      Formats.count(t.requests()),
      Formats.rate(t.requestsPerSecond()),
      l.cells()[0],
      l.cells()[1],
      l.cells()[2],
      l.cells()[3],
      l.cells()[4],
      Formats.count(t.failedRequests()),
      Formats.count(t.nonOk())
    };
  }
}
