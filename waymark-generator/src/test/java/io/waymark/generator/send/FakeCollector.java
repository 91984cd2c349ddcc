package io.waymark.generator.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;

/**
 * A stand-in for the collector on 127.0.0.1: answers with scripted statuses first, then 200 with
 * every event accepted, and records what it received.
 */
final class FakeCollector implements AutoCloseable {

  /** One request as received, and the status it was answered with. */
  record Received(String authorization, String contentType, JsonNode body, int status) {
    List<String> eventIds() {
      List<JsonNode> events = new ArrayList<>();
      if (body.isArray()) {
        body.forEach(events::add);
      } else {
        events.add(body);
      }
      return events.stream().map(e -> e.get("event_id").asText()).toList();
    }
  }

  private record Scripted(int status, String retryAfter, String body) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpServer server;
  private final Queue<Scripted> script = new ArrayDeque<>();
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

  FakeCollector() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v1/events", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next request gets this answer instead of a 200. */
  FakeCollector thenAnswer(int status, String retryAfter, String body) {
    script.add(new Scripted(status, retryAfter, body));
    return this;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** The event ids of every request answered with 2xx, in order. */
  List<String> acceptedEventIds() {
    return received().stream()
        .filter(r -> r.status() / 100 == 2)
        .flatMap(r -> r.eventIds().stream())
        .toList();
  }

  private synchronized void handle(HttpExchange x) throws IOException {
    JsonNode body = MAPPER.readTree(x.getRequestBody().readAllBytes());
    Scripted answer = script.poll();
    if (answer == null) {
      int n = body.isArray() ? body.size() : 1;
      answer = new Scripted(200, null, "{\"accepted\":" + n + ",\"rejected\":0,\"errors\":[]}");
    }
    received.add(
        new Received(
            x.getRequestHeaders().getFirst("Authorization"),
            x.getRequestHeaders().getFirst("Content-Type"),
            body,
            answer.status()));
    if (answer.retryAfter() != null) {
      x.getResponseHeaders().add("Retry-After", answer.retryAfter());
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    x.getResponseBody().write(bytes);
    x.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
