package io.waymark.bench;

import io.vertx.core.http.HttpMethod;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ingest benchmark: three phases of collector load against the lean collector port, each warmed
 * up first, each with its own pre-generated bodies.
 */
final class IngestScenario {

  static final String EVENTS_PATH = "/api/v1/events";
  static final int BATCH_SIZE = 500;
  static final int USERS = 100_000;
  static final Target BATCH_TARGET = Target.atLeast("phase 1 acknowledged", 200_000, "events/s");
  static final Target SINGLE_TARGET = Target.atLeast("phase 2 throughput", 25_000, "req/s");
  static final Target OPEN_LOOP_TARGET = Target.below("phase 3 p99 latency", 50, "ms");

  private static final String[] HEADERS = {
    "phase",
    "events/s",
    "req/s",
    "p50 ms",
    "p90 ms",
    "p99 ms",
    "p99.9 ms",
    "max ms",
    "errors",
    "non-200",
    "rejected",
    "server cores",
    "bench cores",
    "caught up s"
  };

  /** How long the processors may take to work off a phase's backlog before the next one starts. */
  private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(300);

  /** A phase: its label, its bodies, and the load spec for a run of the given length. */
  private record Phase(String label, int bodies, int eventsPerBody, SpecFor spec) {}

  @FunctionalInterface
  private interface SpecFor {
    LoadSpec of(RequestSource source, Duration duration);
  }

  private IngestScenario() {}

  static void run(Options options, Path dataDir, Results results, PrintStream out)
      throws Exception {
    Options.IngestSettings s = options.ingest();
    try (ServerProcess server = ServerProcess.start(options.java(), options.serverJar(), dataDir);
        Load load = new Load(s.clientThreads())) {
      out.println("server log: " + server.log());
      server.awaitReady(out);
      String auth = "Bearer " + server.ingestKey();
      int port = server.collectorPort();
      Backlog backlog =
          new Backlog(new ServerMetrics(server.managementPort(), server.adminKey()), out);
      List<Phase> phases =
          List.of(
              new Phase(
                  "1 batch " + BATCH_SIZE + ", closed, " + s.batchConcurrency() + " in flight",
                  256,
                  BATCH_SIZE,
                  (src, d) ->
                      closed(port, auth, src, s.batchConcurrency(), s.batchConcurrency(), d, s)),
              new Phase(
                  "2 single, closed, " + s.connections() + " connections",
                  50_000,
                  1,
                  (src, d) -> closed(port, auth, src, s.connections(), s.connections(), d, s)),
              new Phase(
                  "3 single, open " + Formats.rate(s.rate()) + "/s",
                  50_000,
                  1,
                  (src, d) ->
                      LoadSpec.openLoop(
                          port, auth, src, s.connections(), s.rate(), d, s.clientThreads())));
      results.heading("Ingest (collector port, events acknowledged after Kafka)");
      results.line(
          "collector on 127.0.0.1:"
              + port
              + "; "
              + s.warmupSeconds()
              + " s warm-up + "
              + s.durationSeconds()
              + " s measured per phase; "
              + s.clientThreads()
              + " load generator event loop(s)");
      results.line(
          "before phase 1, "
              + s.jitWarmupSeconds()
              + " s of unmeasured batch and single load so the JIT has compiled the collector; before"
              + " each phase the stream processor and the store sink have caught up with"
              + " everything acknowledged (the last column: how long that took after the phase)");
      jitWarmup(phases, s, load, backlog, out);
      Table table = new Table(HEADERS);
      List<Tally> tallies = new ArrayList<>();
      for (Phase phase : phases) {
        tallies.add(runPhase(phase, s, load, server, backlog, table, out));
      }
      out.println();
      results.table(table);
      results.verdict(verdict(BATCH_TARGET, tallies.get(0).acceptedPerSecond(), tallies.get(0)));
      results.verdict(verdict(SINGLE_TARGET, tallies.get(1).requestsPerSecond(), tallies.get(1)));
      results.verdict(
          verdict(
              OPEN_LOOP_TARGET,
              tallies.get(2).latencyMicros.getValueAtPercentile(99) / 1000.0,
              tallies.get(2)));
      for (int i = 0; i < tallies.size(); i++) {
        if (tallies.get(i).sampleProblem != null) {
          results.line("phase " + (i + 1) + " first problem: " + tallies.get(i).sampleProblem);
        }
      }
      results.line(
          "server RSS at end: "
              + server.rssBytes().map(Formats::bytes).orElse("n/a")
              + "; server CPU used: "
              + server.cpuTime().map(c -> Formats.seconds(c.toMillis() / 1000.0)).orElse("n/a"));
    }
  }

  private static LoadSpec closed(
      int port,
      String auth,
      RequestSource source,
      int connections,
      int concurrency,
      Duration duration,
      Options.IngestSettings s) {
    return LoadSpec.closedLoop(
        port,
        HttpMethod.POST,
        auth,
        source,
        true,
        connections,
        concurrency,
        duration,
        Long.MAX_VALUE,
        s.clientThreads());
  }

  /**
   * Unmeasured load of the batch and the single-event phases, half the time each, then waits for
   * the processors: on two cores the JIT compilers take a third of a core for the first half
   * minute, which is start-up cost, not what the collector costs.
   */
  private static void jitWarmup(
      List<Phase> phases, Options.IngestSettings s, Load load, Backlog backlog, PrintStream out)
      throws Exception {
    for (Phase phase : phases.subList(0, 2)) {
      RequestSource source = source(phase);
      out.printf("JIT warm-up: %s for %d s ...%n", phase.label(), s.jitWarmupSeconds() / 2);
      backlog.accepted(
          load.run(phase.spec().of(source, Duration.ofSeconds(s.jitWarmupSeconds() / 2))));
    }
    backlog.awaitCaughtUp();
  }

  private static RequestSource source(Phase phase) {
    EventBodies bodies =
        EventBodies.generate(
            phase.bodies(), phase.eventsPerBody(), USERS, Instant.now(), System.nanoTime());
    return () -> new RequestSource.Request(EVENTS_PATH, bodies.next());
  }

  private static Tally runPhase(
      Phase phase,
      Options.IngestSettings s,
      Load load,
      ServerProcess server,
      Backlog backlog,
      Table table,
      PrintStream out)
      throws Exception {
    out.printf(
        "phase %s: generating %s bodies ...%n", phase.label(), Formats.count(phase.bodies()));
    EventBodies bodies =
        EventBodies.generate(
            phase.bodies(), phase.eventsPerBody(), USERS, Instant.now(), System.nanoTime());
    RequestSource source = () -> new RequestSource.Request(EVENTS_PATH, bodies.next());
    out.printf(
        "phase %s: ~%.0f bytes/event; warming up %d s ...%n",
        phase.label(), bodies.bytesPerEvent(), s.warmupSeconds());
    Tally warmup = load.run(phase.spec().of(source, Duration.ofSeconds(s.warmupSeconds())));
    backlog.accepted(warmup);
    if (warmup.ok == 0) {
      throw new IllegalStateException(
          "no request succeeded during the warm-up of phase "
              + phase.label()
              + "; first problem: "
              + warmup.sampleProblem
              + "; server log: "
              + server.log());
    }
    out.printf("phase %s: measuring %d s ...%n", phase.label(), s.durationSeconds());
    Optional<Duration> serverCpu = server.cpuTime();
    Optional<Duration> benchCpu = ProcessHandle.current().info().totalCpuDuration();
    Tally tally = load.run(phase.spec().of(source, Duration.ofSeconds(s.durationSeconds())));
    String serverCores = cores(serverCpu, server.cpuTime(), tally.seconds());
    String benchCores =
        cores(benchCpu, ProcessHandle.current().info().totalCpuDuration(), tally.seconds());
    backlog.accepted(tally);
    String caughtUp = backlog.awaitCaughtUp();
    List<String> row = new ArrayList<>();
    row.add(phase.label());
    row.add(Formats.rate(tally.acceptedPerSecond()));
    row.add(Formats.rate(tally.requestsPerSecond()));
    row.addAll(List.of(Latency.of(tally.latencyMicros).cells()));
    row.add(Formats.count(tally.failedRequests()));
    row.add(Formats.count(tally.nonOk()));
    row.add(Formats.count(tally.rejectedEvents));
    row.add(serverCores);
    row.add(benchCores);
    row.add(caughtUp);
    table.row(row.toArray(String[]::new));
    out.print(new Table(HEADERS).row(row.toArray(String[]::new)).text());
    return tally;
  }

  /**
   * What the server's processors still have to do: the stream processor's lag, and the events
   * acknowledged to this benchmark that the store sink has not written yet.
   */
  private static final class Backlog {
    private final ServerMetrics metrics;
    private final PrintStream out;
    private long accepted;

    Backlog(ServerMetrics metrics, PrintStream out) {
      this.metrics = metrics;
      this.out = out;
    }

    void accepted(Tally t) {
      accepted += t.acceptedEvents;
    }

    /**
     * Waits until both processors have caught up and returns how long that took, in seconds ("-"
     * when a processor is off, "&gt; 300" when it did not catch up in time).
     */
    String awaitCaughtUp() throws InterruptedException {
      long start = System.nanoTime();
      long deadline = start + CATCH_UP_LIMIT.toNanos();
      long nextReport = start + Duration.ofSeconds(15).toNanos();
      boolean any = false;
      while (true) {
        Long lag = reading(ServerMetrics.STREAM_LAG);
        Long written = reading(ServerMetrics.STORE_WRITTEN);
        any = lag != null || written != null;
        long storeBehind = written == null ? 0 : Math.max(0, accepted - written);
        long streamBehind = lag == null ? 0 : lag;
        if (!any || storeBehind == 0 && streamBehind == 0) {
          break;
        }
        long now = System.nanoTime();
        if (now > deadline) {
          out.printf(
              "processors did not catch up in %d s: stream lag %d, store %d events behind%n",
              CATCH_UP_LIMIT.toSeconds(), streamBehind, storeBehind);
          return "> " + CATCH_UP_LIMIT.toSeconds();
        }
        if (now > nextReport) {
          out.printf(
              "waiting for the processors: stream lag %d, store %d events behind%n",
              streamBehind, storeBehind);
          nextReport = now + Duration.ofSeconds(15).toNanos();
        }
        Thread.sleep(200);
      }
      return any
          ? String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9)
          : "-";
    }

    /** A meter's value, or null when the server has no such meter (that processor is off). */
    private Long reading(String meter) throws InterruptedException {
      try {
        return (long) metrics.meterValue(meter);
      } catch (java.io.IOException e) {
        return null;
      }
    }
  }

  private static String verdict(Target target, double measured, Tally tally) {
    return target.verdict(measured, tally.problems() + tally.rejectedEvents);
  }

  /** CPU cores a process used on average between two readings {@code seconds} apart. */
  private static String cores(Optional<Duration> before, Optional<Duration> after, double seconds) {
    if (before.isEmpty() || after.isEmpty() || seconds <= 0) {
      return "n/a";
    }
    double used = after.get().minus(before.get()).toNanos() / 1e9;
    return String.format(java.util.Locale.ROOT, "%.2f", used / seconds);
  }
}
