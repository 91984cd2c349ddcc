package io.waymark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The parsed command line: which scenario to run, the server to run it against, and settings. */
record Options(
    Scenario scenario,
    Path serverJar,
    Path java,
    boolean keepData,
    IngestSettings ingest,
    JourneySettings journey,
    PipelineSettings pipeline,
    ProfileSettings profile,
    InsightsSettings insights) {

  /** What to run. */
  enum Scenario {
    INGEST,
    JOURNEY,
    PIPELINE,
    PROFILE,
    INSIGHTS,
    ALL;

    boolean includes(Scenario other) {
      return this == ALL || this == other;
    }
  }

  /** Settings of the ingest scenario. */
  record IngestSettings(
      int durationSeconds,
      int warmupSeconds,
      int connections,
      int batchConcurrency,
      int rate,
      int clientThreads,
      int jitWarmupSeconds) {}

  /** Settings of the pipeline scenario. */
  record PipelineSettings(
      List<Integer> rates,
      int seconds,
      int warmupSeconds,
      int batch,
      int connections,
      int probesPerSecond,
      int clientThreads) {}

  /** Settings of the profile scenario. */
  record ProfileSettings(long users, int queries, int concurrency) {}

  /** Settings of the insights scenario (the data set is the journey scenario's). */
  record InsightsSettings(int queries) {}

  /** Settings of the journey scenario. */
  record JourneySettings(long users, long events, int queries, int concurrency) {}

  /** A command line that cannot be run; the message names the option and what to do instead. */
  static final class BadOptionException extends Exception {
    BadOptionException(String message) {
      super(message);
    }
  }

  static final String USAGE =
      """
      usage: java -jar waymark-bench.jar <ingest|journey|pipeline|profile|insights|all> [options] \
      --server-jar <waymark-server.jar> [--java <java>]
        common:  --server-jar <path>      the server to benchmark (required)
                 --java <path>            java used to start the server (default: this JVM's)
                 --keep-data              keep the temporary data directory after the run
        ingest:  --duration <s>           measured seconds per phase (default 20)
                 --warmup <s>             unmeasured warm-up seconds per phase (default 5)
                 --connections <n>        HTTP connections for single-event phases (default 64)
                 --batch-concurrency <n>  batch requests in flight in phase 1 (default 16)
                 --rate <req/s>           open-loop rate of phase 3 (default 5000)
                 --jit-warmup <s>         unmeasured load before phase 1, so the JIT has compiled
                                          the collector (default 30)
                 --client-threads <n>     load generator event loops (default: half the CPUs)
        journey: --users <n>              users to bulk-load (default 500000)
                 --events <n>             events to bulk-load (default 30000000)
                 --queries <n>            measured journey queries (default 20000)
                 --concurrency <n>        queries in flight (default 4)
        pipeline: --rates <a,b,..>        offered events/s, one phase each (default 5000,16700,50000)
                 --phase-seconds <s>      seconds per rate (default 30)
                 --pipeline-warmup <s>    unmeasured seconds at the first rate (default 20)
                 --batch <n>              events per request (default 100)
                 --probes <n>             alert probes per second (default 10)
        profile: --profile-users <n>      users in the stream state (default 500000)
                 --profile-queries <n>    measured profile queries (default 20000)
        insights: --users, --events       the data set, as for journey
                 --insight-queries <n>    measured queries per period (default 200)
      """;

  private static final Set<String> COMMON = Set.of("--server-jar", "--java", "--keep-data");
  private static final Set<String> FLAGS = Set.of("--keep-data");
  private static final List<String> INGEST_OPTIONS =
      List.of(
          "--duration",
          "--warmup",
          "--connections",
          "--batch-concurrency",
          "--rate",
          "--client-threads",
          "--jit-warmup");
  private static final List<String> JOURNEY_OPTIONS =
      List.of("--users", "--events", "--queries", "--concurrency");
  private static final List<String> PROFILE_OPTIONS =
      List.of("--profile-users", "--profile-queries");
  private static final List<String> INSIGHTS_OPTIONS =
      List.of("--users", "--events", "--insight-queries");
  private static final List<String> PIPELINE_OPTIONS =
      List.of("--rates", "--phase-seconds", "--pipeline-warmup", "--batch", "--probes");

  /** Parses {@code <scenario> [--name value | --name=value | --flag]...}; a later value wins. */
  static Options parse(List<String> args) throws BadOptionException {
    if (args.isEmpty()) {
      throw new BadOptionException("missing scenario: give ingest, journey, pipeline or all");
    }
    Scenario scenario = scenario(args.getFirst());
    Map<String, String> values = values(args.subList(1, args.size()), scenario);
    String serverJar = values.get("--server-jar");
    if (serverJar == null) {
      throw new BadOptionException(
          "missing --server-jar <path to waymark-server.jar> (./waymark bench passes it)");
    }
    Path jar = Path.of(serverJar);
    if (!Files.isRegularFile(jar)) {
      throw new BadOptionException(
          "--server-jar "
              + jar
              + " is not a file; build it first (mvn -pl waymark-server package)");
    }
    Path java = Path.of(values.getOrDefault("--java", currentJava()));
    if (!Files.isExecutable(java)) {
      throw new BadOptionException("--java " + java + " is not an executable java binary");
    }
    int defaultThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    var ingest =
        new IngestSettings(
            positiveInt(values, "--duration", 20),
            positiveInt(values, "--warmup", 5),
            positiveInt(values, "--connections", 64),
            positiveInt(values, "--batch-concurrency", 16),
            positiveInt(values, "--rate", 5000),
            positiveInt(values, "--client-threads", Math.min(4, defaultThreads)),
            positiveInt(values, "--jit-warmup", 30));
    var journey =
        new JourneySettings(
            positiveLong(values, "--users", 500_000),
            positiveLong(values, "--events", 30_000_000),
            positiveInt(values, "--queries", 20_000),
            positiveInt(values, "--concurrency", 4));
    if (journey.events() < journey.users()) {
      throw new BadOptionException(
          "--events ("
              + journey.events()
              + ") must be at least --users ("
              + journey.users()
              + ") so that every user has an event");
    }
    var pipeline =
        new PipelineSettings(
            rates(values.getOrDefault("--rates", "5000,16700,50000")),
            positiveInt(values, "--phase-seconds", 30),
            positiveInt(values, "--pipeline-warmup", 20),
            positiveInt(values, "--batch", 100),
            64,
            positiveInt(values, "--probes", 10),
            Math.min(4, defaultThreads));
    var profile =
        new ProfileSettings(
            positiveLong(values, "--profile-users", 500_000),
            positiveInt(values, "--profile-queries", 20_000),
            4);
    var insights = new InsightsSettings(positiveInt(values, "--insight-queries", 200));
    return new Options(
        scenario,
        jar,
        java,
        values.containsKey("--keep-data"),
        ingest,
        journey,
        pipeline,
        profile,
        insights);
  }

  private static Scenario scenario(String name) throws BadOptionException {
    return switch (name) {
      case "ingest", "journey", "pipeline", "profile", "insights", "all" ->
          Scenario.valueOf(name.toUpperCase(Locale.ROOT));
      default ->
          throw new BadOptionException(
              "unknown scenario '"
                  + name
                  + "': give ingest, journey, pipeline, profile, insights or all first");
    };
  }

  private static Map<String, String> values(List<String> args, Scenario scenario)
      throws BadOptionException {
    List<String> allowed = allowed(scenario);
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int eq = arg.indexOf('=');
      String name = eq > 0 ? arg.substring(0, eq) : arg;
      if (!allowed.contains(name)) {
        throw new BadOptionException(
            "unknown option "
                + name
                + " for scenario "
                + scenario.name().toLowerCase(Locale.ROOT)
                + " (valid: "
                + String.join(", ", allowed)
                + ")");
      }
      if (FLAGS.contains(name)) {
        values.put(name, "true");
      } else if (eq > 0) {
        values.put(name, arg.substring(eq + 1));
      } else if (i + 1 < args.size()) {
        values.put(name, args.get(++i));
      } else {
        throw new BadOptionException("option " + name + " needs a value");
      }
    }
    return values;
  }

  private static List<String> allowed(Scenario scenario) {
    List<String> allowed = new ArrayList<>(COMMON.stream().sorted().toList());
    if (scenario.includes(Scenario.INGEST)) {
      allowed.addAll(INGEST_OPTIONS);
    }
    if (scenario.includes(Scenario.JOURNEY)) {
      allowed.addAll(JOURNEY_OPTIONS);
    }
    if (scenario.includes(Scenario.PIPELINE)) {
      allowed.addAll(PIPELINE_OPTIONS);
    }
    if (scenario.includes(Scenario.PROFILE)) {
      allowed.addAll(PROFILE_OPTIONS);
    }
    if (scenario.includes(Scenario.INSIGHTS)) {
      INSIGHTS_OPTIONS.stream().filter(o -> !allowed.contains(o)).forEach(allowed::add);
    }
    return allowed;
  }

  private static List<Integer> rates(String raw) throws BadOptionException {
    List<Integer> rates = new ArrayList<>();
    for (String part : raw.split(",")) {
      try {
        int rate = Integer.parseInt(part.strip().replace("_", ""));
        if (rate >= 1) {
          rates.add(rate);
          continue;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new BadOptionException(
          "--rates must be whole numbers >= 1 separated by commas, got '" + raw + "'");
    }
    return List.copyOf(rates);
  }

  private static int positiveInt(Map<String, String> values, String name, int fallback)
      throws BadOptionException {
    long value = positiveLong(values, name, fallback);
    if (value > Integer.MAX_VALUE) {
      throw new BadOptionException(name + " must be at most " + Integer.MAX_VALUE);
    }
    return (int) value;
  }

  private static long positiveLong(Map<String, String> values, String name, long fallback)
      throws BadOptionException {
    String raw = values.get(name);
    if (raw == null) {
      return fallback;
    }
    try {
      long value = Long.parseLong(raw.replace("_", ""));
      if (value >= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the option's name
    }
    throw new BadOptionException(name + " must be a whole number >= 1, got '" + raw + "'");
  }

  private static String currentJava() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
