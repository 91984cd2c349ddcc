package io.waymark.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Entry point: {@code java -jar waymark-bench.jar <ingest|journey|pipeline|profile|insights|all>
 * [options]}.
 *
 * <p>Exit codes: 0 when the benchmark ran (whether or not it met its targets), 1 when it could not
 * run to the end, 2 for a bad command line.
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
      (args.isEmpty() ? err : out).print(Options.USAGE);
      return args.isEmpty() ? 2 : 0;
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (Options.BadOptionException e) {
      err.println("waymark-bench: " + e.getMessage());
      err.println("run with --help for the options");
      return 2;
    }
    MachineInfo machine = MachineInfo.probe(options.java());
    String command = command(args);
    out.print(machine.markdown());
    try {
      if (options.scenario().includes(Options.Scenario.INGEST)) {
        runScenario("ingest", options, machine, command, out);
      }
      if (options.scenario().includes(Options.Scenario.JOURNEY)) {
        runScenario("journey", options, machine, command, out);
      }
      if (options.scenario().includes(Options.Scenario.PIPELINE)) {
        runScenario("pipeline", options, machine, command, out);
      }
      if (options.scenario().includes(Options.Scenario.PROFILE)) {
        runScenario("profile", options, machine, command, out);
      }
      if (options.scenario().includes(Options.Scenario.INSIGHTS)) {
        runScenario("insights", options, machine, command, out);
      }
      return 0;
    } catch (IOException | IllegalStateException explained) {
      err.println("waymark-bench: " + explained.getMessage());
      return 1;
    } catch (Exception e) {
      err.println("waymark-bench: the benchmark stopped on an unexpected error:");
      e.printStackTrace(err);
      return 1;
    }
  }

  private static void runScenario(
      String name, Options options, MachineInfo machine, String command, PrintStream out)
      throws Exception {
    Path dataDir = Files.createTempDirectory("waymark-bench-" + name + "-");
    out.println();
    out.println("=== " + name + " (data directory " + dataDir + ")");
    var results = new Results(name, machine, command, Instant.now(), out);
    try {
      switch (name) {
        case "ingest" -> IngestScenario.run(options, dataDir, results, out);
        case "journey" -> JourneyScenario.run(options, dataDir, results, out);
        case "pipeline" -> PipelineScenario.run(options, dataDir, results, out);
        case "insights" -> InsightsScenario.run(options, dataDir, results, out);
        default -> ProfileScenario.run(options, dataDir, results, out);
      }
    } catch (Exception e) {
      out.println(name + " failed; its data directory and server.log are kept in " + dataDir);
      throw e;
    }
    results.write(resultsDir().resolve("results-" + name + ".md"));
    if (options.keepData()) {
      out.println("data directory kept: " + dataDir);
    } else {
      deleteTree(dataDir);
    }
  }

  /** The exact command line of this JVM, so that a result can be reproduced. */
  private static String command(List<String> args) {
    return ProcessHandle.current()
        .info()
        .commandLine()
        .orElse("java -jar waymark-bench.jar " + String.join(" ", args));
  }

  /** Next to the jar ({@code bench/target}), or the build output folder when run from classes. */
  static Path resultsDir() {
    var source = BenchMain.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      return Path.of("bench", "target");
    }
    try {
      return Path.of(source.getLocation().toURI()).toAbsolutePath().getParent();
    } catch (URISyntaxException e) {
      return Path.of("bench", "target");
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
