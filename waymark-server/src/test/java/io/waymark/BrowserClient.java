package io.waymark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * What the web app does over HTTP: keeps the session cookie, sends the CSRF token it was given
 * (when {@link #withCsrf} is on), no Authorization header.
 */
public final class BrowserClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http;
  private final String base;
  private String csrf;
  private boolean sendCsrf = true;
  private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

  public BrowserClient(String base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** A response: status, Set-Cookie headers and the parsed JSON body. */
  public record Reply(int status, List<String> setCookies, JsonNode json, String raw) {}

  public Reply login(String username, String password) {
    Reply r =
        send(
            "POST",
            "/api/v1/auth/login",
            "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    if (r.status() == 200) {
      csrf = r.json().get("csrf_token").asText();
    }
    return r;
  }

  public BrowserClient withCsrf(boolean on) {
    this.sendCsrf = on;
    return this;
  }

  /** Sends this header with every request (what a proxy in front of Waymark adds). */
  public BrowserClient withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** Opens a server-sent event stream with the session's cookie: status and the open body. */
  public HttpResponse<java.io.InputStream> stream(String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Accept", "text/event-stream")
              .build(),
          HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Reply get(String path) {
    return send("GET", path, null);
  }

  public Reply send(String method, String path, String body) {
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
    headers.forEach(b::header);
    if (sendCsrf && csrf != null) {
      b.header("X-CSRF-Token", csrf);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      try {
        json = r.body().isEmpty() ? null : JSON.readTree(r.body());
      } catch (IOException notJson) {
        // leave json null; raw has the text
      }
      return new Reply(r.statusCode(), r.headers().allValues("Set-Cookie"), json, r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
