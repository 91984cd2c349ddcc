package io.waymark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for end-to-end tests: what a user of Waymark's API would do. */
public final class WaymarkClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http;
  private final String base;

  public WaymarkClient(String base) {
    this(base, null);
  }

  /**
   * A client whose connections come from {@code localAddress}, such as 127.0.0.7: tests of what
   * Waymark does per client address use several loopback addresses.
   */
  public WaymarkClient(String base, java.net.InetAddress localAddress) {
    this.base = base;
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (localAddress != null) {
      b.localAddress(localAddress);
    }
    this.http = b.build();
  }

  /** A response: status, one header and the parsed JSON body, and all headers. */
  public record Reply(
      int status, String retryAfter, JsonNode json, String raw, java.net.http.HttpHeaders headers) {

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  /** Any request, with headers given as name, value, name, value, ... */
  public Reply request(String method, String path, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  public Reply post(String path, String key, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return send(b.build());
  }

  /** Any method with a bearer key and an optional JSON body (PATCH, DELETE, ...). */
  public Reply send(String method, String path, String key, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return send(b.build());
  }

  public Reply get(String path, String key) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return send(b.build());
  }

  public Reply getBasic(String path, String user, String password) {
    String token = java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Basic " + token)
            .GET()
            .build());
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      try {
        json = r.body().isEmpty() ? null : JSON.readTree(r.body());
      } catch (IOException notJson) {
        // leave json null; raw has the text
      }
      return new Reply(
          r.statusCode(),
          r.headers().firstValue("Retry-After").orElse(null),
          json,
          r.body(),
          r.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
