package io.waymark.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WaymarkClientTest {

  private static final Instant TEN_AM = Instant.parse("2026-11-22T10:00:00Z");
  private static final Duration AN_HOUR = Duration.ofHours(1);
  private static final Duration GENEROUS = Duration.ofSeconds(30);
  private static final String KEY = "wm_ingest_unit";

  private final TestClock clock = new TestClock(TEN_AM);
  private final RecordingListener listener = new RecordingListener();
  private ScriptedCollector collector;
  private WaymarkClient client;

  @BeforeEach
  void start() throws Exception {
    collector = new ScriptedCollector();
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    collector.close();
  }

  /** A client that never lingers on its own and waits exactly what it is told (on the clock). */
  private WaymarkClient.Builder client(String url) {
    return WaymarkClient.builder(url, KEY)
        .linger(AN_HOUR)
        .clock(clock)
        .sleeper(clock.sleeper())
        .random(new Random(7))
        .listener(listener);
  }

  private static Event view(String page) {
    return Event.pageView(page).userId("alice").build();
  }

  @Test
  void sendsAFullBatchAsOneRequestWithoutWaitingForTheLinger() throws Exception {
    client = client(collector.url()).batchSize(3).build();

    client.track(view("/a"));
    client.track(view("/b"));
    client.track(view("/c"));

    ScriptedCollector.Received r = collector.nextRequest();
    assertThat(r.body().isArray()).isTrue();
    assertThat(r.events())
        .extracting(e -> e.get("page_url").asText())
        .containsExactly("/a", "/b", "/c");
    assertThat(r.authorization()).isEqualTo("Bearer " + KEY);
    assertThat(r.contentType()).isEqualTo("application/json");
  }

  @Test
  void sendsAPartialBatchOnceTheLingerTimeHasPassed() throws Exception {
    client = client(collector.url()).batchSize(100).linger(Duration.ofMillis(20)).build();

    client.track(view("/only"));

    ScriptedCollector.Received r = collector.nextRequest();
    assertThat(r.body().isObject()).isTrue();
    assertThat(r.body().get("page_url").asText()).isEqualTo("/only");
  }

  @Test
  void flushSendsWhatIsQueuedAtOnceAndReturnsWhenItIsAcknowledged() {
    client = client(collector.url()).batchSize(100).build();
    Event first = view("/a");
    Event second = Event.addToCart("sku-1").anonymousId("anon-1").build();

    client.track(first);
    client.track(second);

    assertThat(client.flush(GENEROUS)).isTrue();
    assertThat(collector.received()).hasSize(1);
    assertThat(collector.received().get(0).eventIds())
        .containsExactly(first.eventId().toString(), second.eventId().toString());
    assertThat(client.stats().accepted()).isEqualTo(2);
    assertThat(client.stats().queued()).isZero();
  }

  @Test
  void stampsEventsWithTheClientClockAndSentAtWithTheSendTime() {
    client = client(collector.url()).build();

    client.track(view("/a"));
    clock.advance(Duration.ofSeconds(5));
    client.flush(GENEROUS);

    JsonNode e = collector.received().get(0).body();
    assertThat(e.get("timestamp").asText()).isEqualTo("2026-11-22T10:00:00.000Z");
    assertThat(e.get("sent_at").asText()).isEqualTo("2026-11-22T10:00:05.000Z");
    assertThat(e.get("type").asText()).isEqualTo("page_view");
    assertThat(e.get("user_id").asText()).isEqualTo("alice");
  }

  @Test
  void retriesARateLimitedBatchAfterRetryAfterWithTheSameEventIds() {
    collector.thenAnswer(429, "7", "{\"message\":\"rate limit exceeded\"}");
    client = client(collector.url()).build();

    client.track(view("/a"));
    client.track(view("/b"));
    assertThat(client.flush(GENEROUS)).isTrue();

    List<ScriptedCollector.Received> received = collector.received();
    assertThat(received).hasSize(2);
    assertThat(received.get(1).eventIds()).isEqualTo(received.get(0).eventIds());
    assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(7));
    assertThat(received.get(1).events().get(0).get("sent_at").asText())
        .isEqualTo("2026-11-22T10:00:07.000Z");
    assertThat(client.stats().accepted()).isEqualTo(2);
    assertThat(client.stats().retries()).isEqualTo(1);
  }

  @Test
  void backsOffExponentiallyWithJitterOnServerErrors() {
    collector
        .thenAnswer(503, null, "{\"message\":\"log unavailable\"}")
        .thenAnswer(500, null, "")
        .thenAnswer(502, null, "");
    client = client(collector.url()).backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)).build();

    client.track(view("/a"));
    assertThat(client.flush(GENEROUS)).isTrue();

    assertThat(collector.received()).hasSize(4);
    assertThat(clock.sleeps).hasSize(3);
    assertThat(clock.sleeps.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    assertThat(clock.sleeps.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(clock.sleeps.get(2)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(listener.retries.get(0)).contains("HTTP 503").contains("log unavailable");
    assertThat(client.stats().accepted()).isEqualTo(1);
  }

  @Test
  void givesABatchUpWhenTheCollectorStaysUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    client = client("http://127.0.0.1:" + closedPort).retries(3, AN_HOUR).build();

    client.track(view("/a"));
    assertThat(client.flush(GENEROUS)).isTrue();

    assertThat(clock.sleeps).hasSize(2);
    assertThat(listener.failed)
        .singleElement()
        .asString()
        .startsWith("1 events, HTTP 0: cannot reach http://127.0.0.1:" + closedPort)
        .endsWith("gave up after 3 attempts");
    assertThat(client.stats().failed()).isEqualTo(1);
  }

  @Test
  void stopsRetryingWhenTheRetryTimeIsUsedUp() {
    for (int i = 0; i < 20; i++) {
      collector.thenAnswer(503, null, "");
    }
    client =
        client(collector.url())
            .backoff(Duration.ofSeconds(4), Duration.ofSeconds(4))
            .retries(100, Duration.ofSeconds(10))
            .build();

    client.track(view("/a"));
    client.flush(GENEROUS);

    Duration waited = clock.sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    assertThat(waited.minus(clock.sleeps.get(clock.sleeps.size() - 1)))
        .isLessThan(Duration.ofSeconds(10));
    assertThat(listener.failed).singleElement().asString().contains("HTTP 503");
  }

  @Test
  void reportsEachRejectedItemAndDoesNotRetryIt() {
    collector.thenAnswer(
        200,
        null,
        "{\"accepted\":1,\"rejected\":1,\"errors\":[{\"index\":1,\"field\":\"product_id\","
            + "\"reason\":\"is too long\"}]}");
    client = client(collector.url()).build();
    Event bad = Event.addToCart("x".repeat(200)).userId("alice").build();

    client.track(view("/a"));
    client.track(bad);
    client.flush(GENEROUS);

    assertThat(collector.received()).hasSize(1);
    assertThat(listener.rejected).containsExactly(bad.eventId() + " product_id: is too long");
    assertThat(client.stats().accepted()).isEqualTo(1);
    assertThat(client.stats().rejected()).isEqualTo(1);
  }

  @Test
  void aBadRequestRejectsTheWholeBatchWithoutRetrying() {
    collector.thenAnswer(
        400,
        null,
        "{\"accepted\":0,\"rejected\":0,\"message\":\"body: malformed JSON\","
            + "\"errors\":[{\"field\":\"body\",\"reason\":\"malformed JSON\"}]}");
    client = client(collector.url()).build();

    client.track(view("/a"));
    client.track(view("/b"));
    client.flush(GENEROUS);

    assertThat(collector.received()).hasSize(1);
    assertThat(listener.rejected).hasSize(2).allMatch(l -> l.endsWith("body: malformed JSON"));
    assertThat(clock.sleeps).isEmpty();
  }

  @Test
  void aRefusedKeyFailsTheBatchAndEveryLaterOneWithoutSendingAgain() {
    collector.thenAnswer(401, null, "{\"message\":\"unknown or revoked API key\"}");
    client = client(collector.url()).build();

    client.track(view("/a"));
    client.flush(GENEROUS);
    client.track(view("/b"));
    client.flush(GENEROUS);

    assertThat(collector.received()).hasSize(1);
    assertThat(listener.failed)
        .containsExactly(
            "1 events, HTTP 401: unknown or revoked API key",
            "1 events, HTTP 401: the key was refused (HTTP 401): unknown or revoked API key");
  }

  @Test
  void closingWithoutTimeGivesUpTheQueueWithoutSendingIt() throws Exception {
    collector.hold();
    client = client(collector.url()).batchSize(1).linger(Duration.ZERO).build();
    client.track(view("/in-flight"));
    collector.nextRequest();
    client.track(view("/queued"));

    client.close(Duration.ZERO);

    assertThat(collector.received()).hasSize(1);
    assertThat(client.stats().failed()).isEqualTo(2);
  }

  @Test
  void splitsABatchTheCollectorFindsTooLarge() {
    collector.thenAnswer(413, null, "{\"message\":\"body too large\"}");
    client = client(collector.url()).build();

    for (int i = 0; i < 4; i++) {
      client.track(view("/" + i));
    }
    client.flush(GENEROUS);

    assertThat(collector.received()).extracting(r -> r.events().size()).containsExactly(4, 2, 2);
    assertThat(client.stats().accepted()).isEqualTo(4);
  }

  @Test
  void aFullQueueRefusesEventsAtOnceAndCountsThemDropped() throws Exception {
    collector.hold();
    client = client(collector.url()).batchSize(1).linger(Duration.ZERO).maxQueuedEvents(2).build();

    assertThat(client.track(view("/in-flight"))).isTrue();
    collector.nextRequest();
    assertThat(client.track(view("/queued-1"))).isTrue();
    assertThat(client.track(view("/queued-2"))).isTrue();
    Event overflow = view("/overflow");
    assertThat(client.track(overflow)).isFalse();

    assertThat(listener.dropped)
        .singleElement()
        .asString()
        .startsWith(overflow.eventId() + " the queue is full");
    collector.release();
    assertThat(client.flush(GENEROUS)).isTrue();
    assertThat(client.stats()).isEqualTo(new ClientStats(0, 3, 0, 1, 0, 0));
  }

  @Test
  void closeDeliversWhatIsQueuedAndRefusesNewEvents() {
    client = client(collector.url()).build();
    client.track(view("/a"));

    client.close();

    assertThat(collector.received()).hasSize(1);
    assertThat(client.track(view("/late"))).isFalse();
    assertThat(listener.dropped).singleElement().asString().endsWith("the client is closed");
  }

  @Test
  void closeGivesUpWhatItCannotDeliverInTime() throws Exception {
    collector.hold();
    client =
        client(collector.url())
            .batchSize(1)
            .linger(Duration.ZERO)
            .closeTimeout(Duration.ZERO)
            .build();
    client.track(view("/in-flight"));
    collector.nextRequest();
    client.track(view("/queued"));

    client.close();

    assertThat(client.stats().failed()).isEqualTo(2);
    assertThat(listener.failed).hasSize(2);
  }

  @Test
  void aThrowingListenerDoesNotStopTheClient() {
    client =
        WaymarkClient.builder(collector.url(), KEY)
            .linger(AN_HOUR)
            .listener(
                new ClientListener() {
                  @Override
                  public void delivered(int accepted, int rejected) {
                    throw new IllegalStateException("metrics backend down");
                  }
                })
            .build();

    client.track(view("/a"));
    assertThat(client.flush(GENEROUS)).isTrue();
    client.track(view("/b"));
    assertThat(client.flush(GENEROUS)).isTrue();

    assertThat(collector.received()).hasSize(2);
  }
}
