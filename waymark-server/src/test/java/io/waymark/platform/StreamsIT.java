package io.waymark.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waymark.BrowserClient;
import io.waymark.ServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Server-sent event streams against a server process of their own with small limits: the timeout,
 * the caps per account and in all, the end of a stream at logout, when the account is disabled or
 * the key revoked, and a stop that does not wait for open streams.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamsIT {

  private static final String ADMIN = ServerProcess.ADMIN;
  private ServerProcess server;
  private final List<Stream> opened = new ArrayList<>();
  private final java.util.Map<String, String> keyIds = new java.util.HashMap<>();

  @BeforeAll
  void start() throws IOException {
    server =
        ServerProcess.start(
            Files.createTempDirectory("waymark-streams-"),
            // Longer than the graceful shutdown's 20 s, so only completing streams at stop makes
            // the last test's stop quick.
            "--waymark.streams.timeout=25s",
            "--waymark.streams.per-account=2",
            "--waymark.streams.total=4",
            "--waymark.streams.recheck=300ms");
  }

  @AfterAll
  void stop() {
    opened.forEach(Stream::close);
    if (server != null) {
      server.process().destroyForcibly();
    }
  }

  /** An open stream read in the background: its lines and when it ended. */
  record Stream(
      int status,
      String retryAfter,
      String body,
      List<String> lines,
      CompletableFuture<Long> ended,
      InputStream in) {

    boolean endsWithin(Duration d) {
      try {
        ended.get(d.toMillis(), TimeUnit.MILLISECONDS);
        return true;
      } catch (Exception notYet) {
        return false;
      }
    }

    void close() {
      try {
        in.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  private Stream open(String path, String key) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .header("Accept", "text/event-stream");
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    HttpResponse<InputStream> r =
        HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    return read(r);
  }

  private Stream read(HttpResponse<InputStream> r) throws IOException {
    if (r.statusCode() != 200) {
      String body = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
      return new Stream(
          r.statusCode(),
          r.headers().firstValue("Retry-After").orElse(null),
          body,
          List.of(),
          CompletableFuture.completedFuture(System.nanoTime()),
          r.body());
    }
    List<String> lines = new CopyOnWriteArrayList<>();
    CompletableFuture<Long> ended = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException closed) {
                // ended by us or by a reset
              }
              ended.complete(System.nanoTime());
            });
    Stream s = new Stream(200, null, null, lines, ended, r.body());
    opened.add(s);
    return s;
  }

  private String key(String scope) {
    var r =
        server
            .api()
            .post(
                "/api/v1/keys",
                ADMIN,
                "{\"name\":\"streams-%s\",\"scope\":\"%s\"}".formatted(UUID.randomUUID(), scope));
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
    keyIds.put(r.json().get("secret").asText(), r.json().get("key").get("id").asText());
    return r.json().get("secret").asText();
  }

  private double openStreams() {
    for (String line : server.management().get("/actuator/prometheus", null).raw().split("\n")) {
      if (line.startsWith("waymark_streams_open")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no waymark_streams_open metric");
  }

  private void allClosed() {
    opened.forEach(Stream::close);
    await().atMost(Duration.ofSeconds(15)).until(() -> openStreams() == 0);
  }

  @Test
  @Order(1)
  void aStreamEndsAfterItsTimeoutAndTellsTheBrowserToReconnectInThreeSeconds() throws Exception {
    long opened = System.nanoTime();
    Stream s = open("/api/v1/live/stream", ADMIN);
    assertThat(s.status()).isEqualTo(200);
    assertThat(s.endsWithin(Duration.ofSeconds(60))).isTrue();
    long seconds = TimeUnit.NANOSECONDS.toSeconds(s.ended().get() - opened);
    assertThat(seconds).isBetween(24L, 45L);
    assertThat(s.lines()).contains("retry:3000").anyMatch(l -> l.startsWith("data:{"));
    allClosed();
  }

  @Test
  @Order(2)
  void anAccountHoldsAtMostItsLimitAndTheServerAtMostItsTotal() throws Exception {
    String a = key("viewer");
    Stream live = open("/api/v1/live/stream", a);
    Stream alerts = open("/api/v1/alerts/stream", a);
    assertThat(live.status()).isEqualTo(200);
    assertThat(alerts.status()).isEqualTo(200);
    Stream third = open("/api/v1/alerts/stream", a);
    assertThat(third.status()).isEqualTo(429);
    assertThat(third.retryAfter()).isEqualTo("30");
    assertThat(third.body())
        .contains("\"field\":\"stream\"")
        .contains("waymark.streams.per-account");

    String b = key("analyst");
    assertThat(open("/api/v1/live/stream", b).status()).isEqualTo(200);
    assertThat(open("/api/v1/alerts/stream", b).status()).isEqualTo(200);
    Stream beyond = open("/api/v1/live/stream", key("viewer"));
    assertThat(beyond.status()).isEqualTo(503);
    assertThat(beyond.retryAfter()).isEqualTo("30");
    assertThat(beyond.body()).contains("waymark.streams.total");

    // A client that goes away frees its slot, even on a stream with nothing to push.
    alerts.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> reopened(open("/api/v1/alerts/stream", a)));
    allClosed();
  }

  private static boolean reopened(Stream s) {
    if (s.status() == 200) {
      return true;
    }
    assertThat(s.status()).isIn(429, 503);
    return false;
  }

  @Test
  @Order(3)
  void logoutEndsTheSessionsStreams() {
    BrowserClient browser = new BrowserClient(server.url());
    assertThat(browser.login("admin", ServerProcess.ADMIN_PASSWORD).status()).isEqualTo(200);
    Stream s = read(browser, "/api/v1/alerts/stream");
    assertThat(s.endsWithin(Duration.ofSeconds(1))).isFalse();
    assertThat(browser.send("POST", "/api/v1/auth/logout", null).status()).isEqualTo(204);
    assertThat(s.endsWithin(Duration.ofSeconds(3))).isTrue();
    allClosed();
  }

  @Test
  @Order(4)
  void disablingTheAccountOrRevokingTheKeyEndsItsStreams() {
    var created =
        server
            .api()
            .post(
                "/api/v1/accounts",
                ADMIN,
                "{\"username\":\"streamer\",\"password\":\"streamer-password\",\"role\":\"viewer\"}");
    assertThat(created.status()).as(created.raw()).isEqualTo(201);
    BrowserClient browser = new BrowserClient(server.url());
    assertThat(browser.login("streamer", "streamer-password").status()).isEqualTo(200);
    Stream session = read(browser, "/api/v1/alerts/stream");
    String viewerKey = key("viewer");
    Stream keyed = uncheckedOpen("/api/v1/alerts/stream", viewerKey);
    assertThat(session.endsWithin(Duration.ofSeconds(1))).isFalse();

    var disabled =
        server
            .api()
            .send(
                "PATCH",
                "/api/v1/accounts/" + created.json().get("id").asText(),
                ADMIN,
                "{\"disabled\":true}");
    assertThat(disabled.status()).isEqualTo(200);
    assertThat(session.endsWithin(Duration.ofSeconds(5))).isTrue();
    assertThat(keyed.endsWithin(Duration.ofMillis(100))).isFalse();

    String keyId = keyIds.get(viewerKey);
    assertThat(server.api().send("DELETE", "/api/v1/keys/" + keyId, ADMIN, null).status())
        .isIn(200, 204);
    assertThat(keyed.endsWithin(Duration.ofSeconds(5))).isTrue();
    allClosed();
  }

  private Stream read(BrowserClient browser, String path) {
    try {
      HttpResponse<InputStream> r = browser.stream(path);
      assertThat(r.statusCode()).isEqualTo(200);
      return read(r);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Stream uncheckedOpen(String path, String key) {
    try {
      Stream s = open(path, key);
      assertThat(s.status()).isEqualTo(200);
      return s;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @Order(99)
  void stopsWellWithinTheShutdownTimeoutWhileStreamsAreOpen() throws Exception {
    Stream live = open("/api/v1/live/stream", ADMIN);
    Stream alerts = open("/api/v1/alerts/stream", key("viewer"));
    assertThat(live.endsWithin(Duration.ofMillis(500))).isFalse();
    long asked = System.nanoTime();
    server.process().destroy(); // SIGTERM: a graceful shutdown, allowed 20 s per phase
    assertThat(server.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - asked);
    System.out.printf("stopped with two streams open in %d s%n", seconds);
    assertThat(seconds).as("seconds to stop").isLessThan(12);
    assertThat(live.endsWithin(Duration.ofSeconds(1))).isTrue();
    assertThat(alerts.endsWithin(Duration.ofSeconds(1))).isTrue();
  }
}
