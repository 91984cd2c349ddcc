package io.waymark.generator.send;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Posts request bodies to the collector's {@code /api/v1/events} with the ingest key. */
final class IngestClient {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final URI endpoint;
  private final String key;

  IngestClient(HttpClient http, URI baseUrl, String key) {
    this.http = http;
    this.endpoint = endpoint(baseUrl);
    this.key = key;
  }

  static URI endpoint(URI baseUrl) {
    String base = baseUrl.toString().replaceAll("/+$", "");
    return URI.create(base + "/api/v1/events");
  }

  /** The collector's answer: status, body, and the Retry-After delay when it sent one. */
  record Response(int status, String body, Optional<Duration> retryAfter) {}

  Response post(String body) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Response(
        r.statusCode(),
        r.body(),
        r.headers().firstValue("Retry-After").flatMap(IngestClient::seconds));
  }

  private static Optional<Duration> seconds(String retryAfter) {
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim()))));
    } catch (NumberFormatException e) {
      return Optional.empty(); // an HTTP date: the caller falls back to its own delay
    }
  }
}
