package io.waymark.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MainTest {

  private static final Clock NOV_22_2026_NOON =
      Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        NOV_22_2026_NOON);
  }

  @Test
  void helpListsTheCommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("send", "files");
  }

  @Test
  void commandHelpListsItsOptions() {
    assertThat(run("send", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--url", "--key", "--rate", "--batch");

    assertThat(run("files", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--out", "--from");
  }

  @Test
  void aBadOptionIsNamedWithExitCodeTwo() {
    assertThat(run("send", "--url", "http://127.0.0.1:1", "--key", "k", "--batch", "501"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("option --batch must be a whole number from 1 to 500, got '501'");
  }

  @Test
  void anUnknownOptionIsNamedWithExitCodeTwo() {
    assertThat(run("files", "--out", "x", "--evnts", "5")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --evnts for files");
  }

  @Test
  void anUnknownCommandOrNoCommandExitsWithTwo() {
    assertThat(run("replay")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'replay'");
    assertThat(run()).isEqualTo(2);
  }

  @Test
  void aStartInTheFutureIsRefused() {
    assertThat(run("files", "--out", "x", "--from", "2027-01-01")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--from must be in the past");
  }
}
