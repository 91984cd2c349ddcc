package io.waymark;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP receiver for tests of what Waymark sends out (alert webhooks, exported files):
 * records every call and answers the first {@code failures} of them with 500, the rest with 204.
 */
public final class LoopbackReceiver implements AutoCloseable {

  /** One received call. */
  public record Call(Map<String, List<String>> headers, byte[] body, int answered) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final String path;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft;

  public LoopbackReceiver(String path, int failures) {
    this.path = path;
    this.failuresLeft = new AtomicInteger(failures);
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        path,
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
          calls.add(new Call(Map.copyOf(exchange.getRequestHeaders()), body, status));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public List<Call> calls() {
    return calls;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
