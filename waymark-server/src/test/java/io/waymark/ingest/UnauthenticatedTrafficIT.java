package io.waymark.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.EndToEndTest;
import io.waymark.WaymarkClient.Reply;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Requests without a valid key, as an attacker or a misconfigured client sends them: answered from
 * the headers, counted, sampled in a bounded memory, never quarantined, never given a vault key.
 */
class UnauthenticatedTrafficIT extends EndToEndTest {

  private static final int REQUESTS = 10_000;
  private static final int ADDRESSES = 32;
  private static final int THREADS = 4;

  private final String tag = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void tenThousandRequestsFromManyAddressesKeepABoundedSampleAndNoBodyNoKeyNoQuarantine()
      throws Exception {
    int keysBefore = vault.size();
    double countedBefore = metric("waymark_collector_unauthenticated_total{");
    Reply sampleBefore = api().get("/api/v1/admin/unauthenticated-requests", ADMIN_KEY);
    int quarantinedBefore = quarantinedUnknownKeys();
    double lookupsBefore = metric("waymark_api_keys_lookups_total"); // after this test's own reads

    List<HttpClient> clients = new ArrayList<>();
    for (int a = 0; a < ADDRESSES; a++) {
      clients.add(
          HttpClient.newBuilder()
              .localAddress(InetAddress.getByName("127.0.0." + (2 + a)))
              .connectTimeout(Duration.ofSeconds(5))
              .build());
    }
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger withQuarantineId = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int from = t * (REQUESTS / THREADS);
      work.add(
          pool.submit(
              () -> {
                for (int n = from; n < from + REQUESTS / THREADS; n++) {
                  HttpResponse<String> r = send(clients.get(n % ADDRESSES), n);
                  if (r.statusCode() == 401) {
                    refused.incrementAndGet();
                  }
                  if (r.body().contains("quarantine_id")) {
                    withQuarantineId.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : work) {
      f.get();
    }
    pool.shutdown();

    assertThat(refused.get()).isEqualTo(REQUESTS);
    assertThat(withQuarantineId.get()).as("answers naming a quarantine record").isZero();
    assertThat(vault.size()).as("keys in the vault").isEqualTo(keysBefore);
    assertThat(vault.holds("intruder-" + tag + "-7")).isFalse();
    assertThat(metric("waymark_collector_unauthenticated_total{") - countedBefore)
        .isEqualTo(REQUESTS);
    // Half the requests carried a bad key, each of the 2,500 distinct keys twice in a row: the
    // second use is answered by the refused side of the key cache.
    assertThat(metric("waymark_api_keys_lookups_total") - lookupsBefore).isBetween(1.0, 2_500.0);

    assertThat(sampleBefore.status()).isEqualTo(200);
    JsonNode sample = sample();
    assertThat(sample.get("items").size()).isLessThanOrEqualTo(sample.get("capacity").asInt());
    assertThat(sample.get("capacity").asInt()).isEqualTo(100);
    JsonNode counts = sample.get("refused_since_start");
    JsonNode countsBefore = sampleBefore.json().get("refused_since_start");
    assertThat(counts.get("missing_key").asLong() - countsBefore.get("missing_key").asLong())
        .isEqualTo(REQUESTS / 2);
    assertThat(counts.get("unknown_key").asLong() - countsBefore.get("unknown_key").asLong())
        .isEqualTo(REQUESTS / 2);
    JsonNode newest = sample.get("items").get(0);
    assertThat(newest.get("remote_address").asText()).startsWith("127.0.0.");
    assertThat(newest.get("endpoint").asText()).isIn("/api/v1/events", "/api/v1/events/batch");
    assertThat(newest.get("reason").asText()).isIn("missing_key", "unknown_key");
    assertThat(sample.toString()).doesNotContain("intruder");

    // A refusal with a valid key is still quarantined; once it is stored, none of the flood is.
    Reply sentinel =
        collector().post("/api/v1/events", INGEST_KEY, "{\"user_id\":\"sentinel-" + tag + "\"}");
    assertThat(sentinel.status()).isEqualTo(400);
    String id = sentinel.json().get("errors").get(0).get("quarantine_id").asText();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> api().get("/api/v1/quarantine/" + id, ADMIN_KEY).status() == 200);
    assertThat(quarantinedUnknownKeys()).isEqualTo(quarantinedBefore);
  }

  @Test
  void aFiveMegabyteBodyWithABadKeyIsAnsweredBeforeItIsSent() throws Exception {
    for (int port : new int[] {collectorPort(), this.port}) {
      try (RawHttp c = new RawHttp(port)) {
        // Only the headers go out: a server that waited for the body would never answer.
        c.post("/api/v1/events", 5 * 1024 * 1024, "", "Authorization", "Bearer wm_ingest_bad");
        RawHttp.Response r = c.read();
        assertThat(r.status()).as("port %d", port).isEqualTo(401);
        assertThat(r.body()).contains("unknown or revoked API key");
        assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
        if (port == collectorPort()) {
          assertThat(c.closedByServer()).as("the collector port hangs up").isTrue();
        }
      }
    }
  }

  @Test
  void theSampleIsForAdminsAndInTheOpenApiDocument() {
    assertThat(api().get("/api/v1/admin/unauthenticated-requests", null).status()).isEqualTo(401);
    assertThat(api().get("/api/v1/admin/unauthenticated-requests", INGEST_KEY).status())
        .isEqualTo(403);
    assertThat(api().get("/api/v1/admin/unauthenticated-requests", ADMIN_KEY).status())
        .isEqualTo(200);
    JsonNode paths = api().get("/v3/api-docs", null).json().get("paths");
    assertThat(paths.has("/api/v1/admin/unauthenticated-requests")).isTrue();
  }

  private HttpResponse<String> send(HttpClient client, int n) throws Exception {
    boolean lean = n % 5 != 0;
    String base = lean ? collectorUrl() : apiUrl();
    String path = n % 3 == 0 ? "/api/v1/events/batch" : "/api/v1/events";
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"type\":\"click\",\"user_id\":\"intruder-" + tag + "-" + n + "\"}"));
    if (n % 2 == 1) {
      b.header("Authorization", "Bearer wm_ingest_bad-" + tag + "-" + (n / 4));
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode sample() {
    Reply r = api().get("/api/v1/admin/unauthenticated-requests", ADMIN_KEY);
    assertThat(r.status()).isEqualTo(200);
    return r.json();
  }

  private int quarantinedUnknownKeys() {
    return api()
        .get("/api/v1/quarantine?q=unknown%20or%20revoked&limit=500", ADMIN_KEY)
        .json()
        .get("items")
        .size();
  }

  /** The sum of every Prometheus sample whose line starts with {@code prefix}. */
  private double metric(String prefix) {
    double sum = 0;
    for (String line : management().get("/actuator/prometheus", null).raw().split("\n")) {
      if (line.startsWith(prefix)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }
}
