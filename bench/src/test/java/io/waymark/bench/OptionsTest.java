package io.waymark.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsTest {

  @TempDir Path dir;
  private Path serverJar;

  @BeforeEach
  void fakeServerJar() throws IOException {
    serverJar = Files.createFile(dir.resolve("waymark-server.jar"));
  }

  private List<String> args(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--server-jar", serverJar.toString()));
    return all;
  }

  @Test
  void parsesThePipelineRatesAndRejectsBadOnes() throws Exception {
    Options options = Options.parse(args("pipeline", "--rates", "1000, 20_000", "--probes=5"));

    assertThat(options.pipeline().rates()).containsExactly(1000, 20000);
    assertThat(options.pipeline().probesPerSecond()).isEqualTo(5);
    assertThat(Options.parse(args("pipeline")).pipeline().rates())
        .containsExactly(5000, 16700, 50000);
    assertThatThrownBy(() -> Options.parse(args("pipeline", "--rates", "fast")))
        .hasMessageContaining("--rates must be whole numbers");
    assertThatThrownBy(() -> Options.parse(args("ingest", "--rates", "10")))
        .hasMessageContaining("unknown option --rates for scenario ingest");
  }

  @Test
  void appliesTheDocumentedDefaults() throws Exception {
    Options options = Options.parse(args("all"));

    assertThat(options.scenario()).isEqualTo(Options.Scenario.ALL);
    assertThat(options.ingest().durationSeconds()).isEqualTo(20);
    assertThat(options.ingest().warmupSeconds()).isEqualTo(5);
    assertThat(options.ingest().connections()).isEqualTo(64);
    assertThat(options.ingest().rate()).isEqualTo(5000);
    assertThat(options.journey().users()).isEqualTo(500_000);
    assertThat(options.journey().events()).isEqualTo(30_000_000);
    assertThat(options.journey().queries()).isEqualTo(20_000);
    assertThat(options.journey().concurrency()).isEqualTo(4);
    assertThat(options.keepData()).isFalse();
    assertThat(options.serverJar()).isEqualTo(serverJar);
  }

  @Test
  void readsValuesGivenAsSeparateArgumentsOrAfterAnEqualsSign() throws Exception {
    Options options =
        Options.parse(args("journey", "--users", "5000", "--events=300000", "--keep-data"));

    assertThat(options.journey().users()).isEqualTo(5000);
    assertThat(options.journey().events()).isEqualTo(300_000);
    assertThat(options.keepData()).isTrue();
  }

  @Test
  void letsALaterValueWinSoTheLauncherCanAppendItsOwn() throws Exception {
    Options options = Options.parse(args("ingest", "--duration", "5", "--duration", "7"));

    assertThat(options.ingest().durationSeconds()).isEqualTo(7);
  }

  @Test
  void namesAnUnknownOptionAndListsTheValidOnes() {
    assertThatThrownBy(() -> Options.parse(args("ingest", "--durration", "5")))
        .isInstanceOf(Options.BadOptionException.class)
        .hasMessageContaining("unknown option --durration for scenario ingest")
        .hasMessageContaining("--duration");
  }

  @Test
  void rejectsAJourneyOptionForTheIngestScenario() {
    assertThatThrownBy(() -> Options.parse(args("ingest", "--users", "5")))
        .hasMessageContaining("unknown option --users for scenario ingest");
  }

  @Test
  void namesTheOptionWhoseValueIsNotAPositiveNumber() {
    assertThatThrownBy(() -> Options.parse(args("ingest", "--connections", "lots")))
        .hasMessage("--connections must be a whole number >= 1, got 'lots'");
    assertThatThrownBy(() -> Options.parse(args("journey", "--queries", "0")))
        .hasMessageContaining("--queries must be a whole number >= 1");
  }

  @Test
  void takesTheJourneyDataSetOptionsForTheInsightsScenario() throws Exception {
    Options options =
        Options.parse(args("insights", "--events", "1000000", "--insight-queries", "50"));
    assertThat(options.scenario()).isEqualTo(Options.Scenario.INSIGHTS);
    assertThat(options.journey().events()).isEqualTo(1_000_000);
    assertThat(options.insights().queries()).isEqualTo(50);
    assertThat(Options.parse(args("insights")).insights().queries()).isEqualTo(200);
    assertThatThrownBy(() -> Options.parse(args("insights", "--queries", "5")))
        .hasMessageContaining("unknown option --queries for scenario insights");
  }

  @Test
  void rejectsFewerEventsThanUsers() {
    assertThatThrownBy(() -> Options.parse(args("journey", "--users", "10", "--events", "9")))
        .hasMessageContaining("--events (9) must be at least --users (10)");
  }

  @Test
  void rejectsAMissingValueAnUnknownScenarioAndAMissingServerJar() {
    assertThatThrownBy(() -> Options.parse(List.of("ingest", "--server-jar")))
        .hasMessage("option --server-jar needs a value");
    assertThatThrownBy(() -> Options.parse(args("ingets")))
        .hasMessageContaining("unknown scenario 'ingets'");
    assertThatThrownBy(() -> Options.parse(List.of("ingest")))
        .hasMessageContaining("missing --server-jar");
    assertThatThrownBy(
            () ->
                Options.parse(List.of("ingest", "--server-jar", dir.resolve("no.jar").toString())))
        .hasMessageContaining("is not a file");
  }

  @Test
  void exitsWithCodeTwoAndNamesTheBadOption() {
    var err = new ByteArrayOutputStream();
    var out = new ByteArrayOutputStream();

    int code =
        BenchMain.run(
            args("journey", "--bogus", "1"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --bogus");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void printsTheUsageForHelp() {
    var out = new ByteArrayOutputStream();

    int code =
        BenchMain.run(
            List.of("--help"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--duration", "--queries");
  }
}
