package io.waymark.generator.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.generator.cli.Options;
import io.waymark.generator.event.EventModelRules;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SendCommandTest {

  /** Sending is real time by nature: events are stamped with the wall-clock send time. */
  private static final Clock WALL_CLOCK = Clock.systemUTC();

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private FakeCollector collector;

  @BeforeEach
  void startCollector() throws Exception {
    collector = new FakeCollector();
  }

  @AfterEach
  void stopCollector() {
    collector.close();
  }

  private int send(String url, Duration giveUpAfter, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(List.of("--url", url, "--key", "wm_test_key", "--seed", "9"));
    args.addAll(List.of(extra));
    Options options = Options.parse("send", args, SendCommand.OPTIONS);
    return SendCommand.run(
        options, new PrintStream(err, true, StandardCharsets.UTF_8), WALL_CLOCK, giveUpAfter);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void retriesAThrottledBatchAfterRetryAfterAndDeliversEveryEventOnce() throws Exception {
    collector.thenAnswer(429, "1", "{\"error\":\"rate limited\"}");
    Instant started = Instant.now(WALL_CLOCK);

    int code =
        send(
            collector.url(),
            Duration.ofSeconds(60),
            "--events",
            "30",
            "--batch",
            "10",
            "--rate",
            "1000");

    assertThat(code).isZero();
    List<FakeCollector.Received> received = collector.received();
    assertThat(received).hasSize(4);
    assertThat(received.get(0).status()).isEqualTo(429);
    assertThat(received.get(1).eventIds()).isEqualTo(received.get(0).eventIds());
    assertThat(Duration.between(started, Instant.now(WALL_CLOCK)))
        .isGreaterThan(Duration.ofMillis(900));
    List<String> accepted = collector.acceptedEventIds();
    assertThat(accepted).hasSize(30).doesNotHaveDuplicates();
    assertThat(new HashSet<>(accepted)).containsAll(received.get(0).eventIds());
    assertThat(stderr()).contains("sent 30, accepted 30, rejected 0, errors 1");
  }

  @Test
  void postsSingleEventsAsJsonObjectsWithTheKeyAndCurrentTimestamps() throws Exception {
    Instant before = Instant.now(WALL_CLOCK).minusMillis(1);

    assertThat(send(collector.url(), Duration.ofSeconds(60), "--events", "5", "--rate", "500"))
        .isZero();

    List<FakeCollector.Received> received = collector.received();
    assertThat(received).hasSize(5);
    for (FakeCollector.Received r : received) {
      assertThat(r.authorization()).isEqualTo("Bearer wm_test_key");
      assertThat(r.contentType()).isEqualTo("application/json");
      assertThat(r.body().isObject()).isTrue();
      EventModelRules.assertValid(r.body());
      Instant timestamp = Instant.parse(r.body().get("timestamp").asText());
      assertThat(timestamp).isBetween(before, Instant.now(WALL_CLOCK));
    }
  }

  @Test
  void retriesServerErrorsWithTheSameEvents() throws Exception {
    collector.thenAnswer(503, null, "").thenAnswer(500, null, "{}");

    assertThat(send(collector.url(), Duration.ofSeconds(60), "--events", "4", "--batch", "4"))
        .isZero();

    List<FakeCollector.Received> received = collector.received();
    assertThat(received).extracting(FakeCollector.Received::status).containsExactly(503, 500, 200);
    assertThat(received.get(2).eventIds()).isEqualTo(received.get(0).eventIds());
    assertThat(collector.acceptedEventIds()).hasSize(4);
  }

  @Test
  void countsEventsTheCollectorRejects() throws Exception {
    collector.thenAnswer(
        200,
        null,
        "{\"accepted\":1,\"rejected\":1,\"errors\":[{\"index\":1,\"field\":\"timestamp\","
            + "\"reason\":\"is too old\"}]}");

    assertThat(send(collector.url(), Duration.ofSeconds(60), "--events", "2", "--batch", "2"))
        .isZero();

    assertThat(stderr())
        .containsPattern("rejected [a-z_]+ [0-9a-f-]{36} of \\S+: timestamp is too old")
        .contains("sent 2, accepted 1, rejected 1");
  }

  @Test
  void aRefusedKeyStopsWithAClearMessage() throws Exception {
    collector.thenAnswer(401, null, "{\"error\":\"unknown ingest key\"}");

    int code = send(collector.url(), Duration.ofSeconds(60), "--events", "10");

    assertThat(code).isEqualTo(1);
    assertThat(stderr())
        .contains(
            "ingest key refused by " + collector.url() + ": {\"error\":\"unknown ingest key\"}");
    assertThat(collector.received()).hasSize(1);
  }

  @Test
  void givesUpWhenTheCollectorCannotBeReached() throws Exception {
    int freePort;
    try (ServerSocket socket = new ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }

    int code = send("http://127.0.0.1:" + freePort, Duration.ofSeconds(2), "--events", "3");

    assertThat(code).isEqualTo(1);
    assertThat(stderr()).contains("cannot reach http://127.0.0.1:" + freePort + " for 2 s");
  }

  @Test
  void pacesEventsToTheRate() throws Exception {
    Instant started = Instant.now(WALL_CLOCK);

    assertThat(
            send(
                collector.url(),
                Duration.ofSeconds(60),
                "--events",
                "40",
                "--rate",
                "100",
                "--batch",
                "10"))
        .isZero();

    Duration took = Duration.between(started, Instant.now(WALL_CLOCK));
    assertThat(took).isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
    assertThat(collector.acceptedEventIds()).hasSize(40);
  }
}
