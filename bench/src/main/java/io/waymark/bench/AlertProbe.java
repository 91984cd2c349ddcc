package io.waymark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Measures event-to-alert latency from the outside: sends purchases from brand-new identities (each
 * one fires the default "Big first purchase" rule) and waits for each alert on the server's alert
 * stream. Latency = send of the event to arrival of its alert at this client, so it includes the
 * collector's acknowledgement after Kafka, the stream processor, the alerts topic and the push.
 */
final class AlertProbe implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String collector;
  private final String ingestKey;
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final String prefix = "probe-" + Long.toHexString(System.nanoTime()) + "-";
  private Histogram latency = new Histogram(3);
  private final AtomicLong received = new AtomicLong();
  private final Thread reader;
  private volatile InputStream stream;

  AlertProbe(String api, String collector, String adminKey, String ingestKey) throws Exception {
    this.collector = collector;
    this.ingestKey = ingestKey;
    HttpResponse<InputStream> r =
        http.send(
            HttpRequest.newBuilder(URI.create(api + "/api/v1/alerts/stream"))
                .header("Authorization", "Bearer " + adminKey)
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("alert stream answered " + r.statusCode());
    }
    stream = r.body();
    reader = Thread.ofPlatform().name("alert-probe-reader").daemon().start(this::read);
  }

  /** Sends one probe purchase; returns false when the collector did not acknowledge it. */
  boolean send() {
    String user = prefix + sequence.incrementAndGet();
    String body =
        "{\"type\":\"purchase\",\"user_id\":\"%s\",\"order_id\":\"o-%s\",\"amount\":900,\"currency\":\"EUR\",\"timestamp\":\"%s\"}"
            .formatted(user, user, Instant.now());
    sentAt.put(user, System.nanoTime());
    try {
      int status =
          http.send(
                  HttpRequest.newBuilder(URI.create(collector + "/api/v1/events"))
                      .header("Authorization", "Bearer " + ingestKey)
                      .header("Content-Type", "application/json")
                      .timeout(Duration.ofSeconds(10))
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
      if (status != 200) {
        sentAt.remove(user);
        return false;
      }
      return true;
    } catch (IOException e) {
      sentAt.remove(user);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Latencies recorded since the last call (microseconds), and starts a new histogram. */
  synchronized Histogram drain() {
    Histogram h = latency;
    latency = new Histogram(3);
    return h;
  }

  /** Probes sent and not yet answered by an alert. */
  int outstanding() {
    return sentAt.size();
  }

  void forgetOutstanding() {
    sentAt.clear();
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.startsWith("data:")) {
          continue;
        }
        long now = System.nanoTime();
        JsonNode alert = JSON.readTree(line.substring(5));
        Long start = sentAt.remove(alert.path("user_id").asText());
        if (start != null) {
          received.incrementAndGet();
          synchronized (this) {
            latency.recordValue(Math.max(0, (now - start) / 1000));
          }
        }
      }
    } catch (IOException closed) {
      // the probe is closed or the server went away
    }
  }

  @Override
  public void close() throws IOException {
    stream.close();
    http.close();
  }
}
