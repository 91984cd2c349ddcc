package io.waymark.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network fault in front of the real collector: it forwards every request, but for the first
 * {@code lose} of them it drops the connection instead of passing the answer back, so the client
 * cannot know its events were stored and must send them again.
 */
final class LosingProxy implements AutoCloseable {

  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String target;
  private final AtomicInteger toLose;
  final AtomicInteger forwarded = new AtomicInteger();

  LosingProxy(String target, int lose) throws IOException {
    this.target = target;
    this.toLose = new AtomicInteger(lose);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::forward);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void forward(HttpExchange x) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(target + x.getRequestURI()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(x.getRequestBody().readAllBytes()));
    b.header("Authorization", x.getRequestHeaders().getFirst("Authorization"));
    b.header("Content-Type", x.getRequestHeaders().getFirst("Content-Type"));
    HttpResponse<byte[]> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      x.close();
      return;
    }
    forwarded.incrementAndGet();
    if (toLose.getAndDecrement() > 0) {
      x.close(); // no answer: the connection closes without a response
      return;
    }
    r.headers()
        .firstValue("Retry-After")
        .ifPresent(v -> x.getResponseHeaders().add("Retry-After", v));
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
    x.getResponseBody().write(r.body());
    x.close();
  }

  @Override
  public void close() {
    server.stop(0);
    http.close();
  }
}
