package io.waymark.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A collector stand-in on 127.0.0.1: answers with scripted replies first, then 200 with every event
 * accepted, and records each request. It can hold its answers until released, to keep the client's
 * sender busy.
 */
final class ScriptedCollector implements AutoCloseable {

  /** A request as received: headers and body, and the events in it. */
  record Received(String authorization, String contentType, JsonNode body) {
    List<JsonNode> events() {
      List<JsonNode> events = new ArrayList<>();
      if (body.isArray()) {
        body.forEach(events::add);
      } else {
        events.add(body);
      }
      return events;
    }

    List<String> eventIds() {
      return events().stream().map(e -> e.get("event_id").asText()).toList();
    }
  }

  private record Reply(int status, String retryAfter, String body) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpServer server;
  private final BlockingQueue<Reply> script = new LinkedBlockingQueue<>();
  private final BlockingQueue<Received> arrivals = new LinkedBlockingQueue<>();
  private final List<Received> received = new ArrayList<>();
  private volatile CountDownLatch hold = new CountDownLatch(0);

  ScriptedCollector() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v1/events", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  ScriptedCollector thenAnswer(int status, String retryAfter, String body) {
    script.add(new Reply(status, retryAfter, body));
    return this;
  }

  /** Answers wait until {@link #release()}. */
  void hold() {
    hold = new CountDownLatch(1);
  }

  void release() {
    hold.countDown();
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  /** The next request to arrive (a hang guard, not a timing assertion). */
  Received nextRequest() throws InterruptedException {
    Received r = arrivals.poll(30, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no request reached the collector");
    }
    return r;
  }

  private void handle(HttpExchange x) throws IOException {
    Received r =
        new Received(
            x.getRequestHeaders().getFirst("Authorization"),
            x.getRequestHeaders().getFirst("Content-Type"),
            MAPPER.readTree(x.getRequestBody().readAllBytes()));
    synchronized (this) {
      received.add(r);
    }
    arrivals.add(r);
    try {
      hold.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Reply reply = script.poll();
    if (reply == null) {
      reply = new Reply(200, null, "{\"accepted\":" + r.events().size() + ",\"rejected\":0}");
    }
    if (reply.retryAfter() != null) {
      x.getResponseHeaders().add("Retry-After", reply.retryAfter());
    }
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    x.getResponseBody().write(bytes);
    x.close();
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}
