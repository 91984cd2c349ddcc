package io.waymark.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbound client against real servers on loopback addresses: 127.0.0.1 is allowed, 127.0.0.2
 * is not, and a server listens there to show that nothing reaches it. Every refused destination
 * here is a loopback address, so even a broken guard would send nothing off the machine; the other
 * ranges are tested without connecting (OutboundGuardTest).
 */
class OutboundHttpTest {

  private HttpServer allowed;
  private HttpServer other;
  private HttpServer forbidden;
  private final List<String> forbiddenCalls = new CopyOnWriteArrayList<>();
  private final List<String> authSeenByOther = new CopyOnWriteArrayList<>();
  private OutboundHttp http;

  @BeforeEach
  void start() throws IOException {
    forbidden = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
    forbidden.createContext(
        "/",
        x -> {
          forbiddenCalls.add(x.getRequestURI().toString());
          x.sendResponseHeaders(200, -1);
          x.close();
        });
    forbidden.start();
    other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    other.createContext(
        "/",
        x -> {
          authSeenByOther.add(String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
          answer(x, 200, "other");
        });
    other.start();
    allowed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    allowed.setExecutor(Executors.newCachedThreadPool());
    allowed.createContext("/file", x -> answer(x, 200, "[1,2,3]"));
    allowed.createContext("/hop", x -> redirect(x, "/file"));
    allowed.createContext("/loop", x -> redirect(x, "/loop"));
    allowed.createContext("/to-forbidden", x -> redirect(x, base(forbidden) + "/secret"));
    allowed.createContext("/to-v6-loopback", x -> redirect(x, "http://[::1]:9/latest/meta-data/"));
    allowed.createContext("/to-other", x -> redirect(x, base(other) + "/x"));
    allowed.createContext("/to-file-scheme", x -> redirect(x, "file:///etc/passwd"));
    allowed.createContext(
        "/slow",
        x -> {
          x.sendResponseHeaders(200, 0);
          try (var out = x.getResponseBody()) {
            out.write('[');
            out.flush();
            Thread.sleep(5_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException closed) {
            // the client gave up
          }
        });
    allowed.start();
    http =
        new OutboundHttp(
            new OutboundGuard(new OutboundSettings(List.of("127.0.0.1/32"), 3)),
            3,
            Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() throws IOException {
    http.close();
    allowed.stop(0);
    other.stop(0);
    forbidden.stop(0);
  }

  private static String base(HttpServer s) {
    return "http://" + s.getAddress().getHostString() + ":" + s.getAddress().getPort();
  }

  private static void answer(com.sun.net.httpserver.HttpExchange x, int status, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(status, b.length);
    try (var out = x.getResponseBody()) {
      out.write(b);
    }
  }

  private static void redirect(com.sun.net.httpserver.HttpExchange x, String to)
      throws IOException {
    x.getResponseHeaders().add("Location", to);
    x.sendResponseHeaders(302, -1);
    x.close();
  }

  private String get(String path, Map<String, String> headers) throws IOException {
    try (OutboundHttp.Answer a =
        http.get(URI.create(base(allowed) + path), headers, Duration.ofSeconds(2))) {
      return a.status() + " " + new String(a.body().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void followsRedirectsOneCheckedHopAtATime() throws IOException {
    assertThat(get("/hop", Map.of())).isEqualTo("200 [1,2,3]");
  }

  @Test
  void refusesAnAddressBeforeConnectingToIt() {
    assertThatThrownBy(
            () ->
                http.get(URI.create(base(forbidden) + "/direct"), Map.of(), Duration.ofSeconds(2)))
        .isInstanceOf(OutboundGuard.Refused.class)
        .hasMessageStartingWith("127.0.0.2 is a loopback address (127.0.0.0/8)");
    assertThat(forbiddenCalls).isEmpty();
  }

  @Test
  void refusesARedirectToARefusedAddressWithoutConnecting() {
    assertThatThrownBy(() -> get("/to-forbidden", Map.of()))
        .isInstanceOf(OutboundGuard.Refused.class)
        .hasMessageStartingWith(
            "redirected to " + base(forbidden) + "/secret: 127.0.0.2 is a loopback address");
    assertThatThrownBy(() -> get("/to-v6-loopback", Map.of()))
        .isInstanceOf(OutboundGuard.Refused.class)
        .hasMessageStartingWith(
            "redirected to http://[::1]:9/latest/meta-data/: ::1 is a loopback address (::1)");
    assertThat(forbiddenCalls).isEmpty();
  }

  @Test
  void stopsAfterTheMostRedirectsAndAtOtherSchemes() {
    assertThatThrownBy(() -> get("/loop", Map.of()))
        .isInstanceOf(OutboundHttp.BadRedirect.class)
        .hasMessage("more than 3 redirects (waymark.outbound.max-redirects)");
    assertThatThrownBy(() -> get("/to-file-scheme", Map.of()))
        .isInstanceOf(OutboundHttp.BadRedirect.class)
        .hasMessage("redirected to file:///etc/passwd, which is not an http(s) URL");
  }

  @Test
  void doesNotSendTheAuthorizationHeaderToAnotherOrigin() throws IOException {
    assertThat(get("/to-other", Map.of("Authorization", "Bearer secret"))).isEqualTo("200 other");
    assertThat(authSeenByOther).containsExactly("null");
  }

  @Test
  void credentialsInTheUrlAreSentAsHttpBasic() throws IOException {
    String url = base(other).replace("http://", "http://ann:s%40cret@") + "/x";
    try (OutboundHttp.Answer a = http.get(URI.create(url), Map.of(), Duration.ofSeconds(2))) {
      assertThat(a.status()).isEqualTo(200);
    }
    assertThat(authSeenByOther)
        .containsExactly(
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString("ann:s@cret".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theDeadlineCoversTheBody() {
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> get("/slow", Map.of()))
        .isInstanceOf(OutboundHttp.TimedOut.class)
        .hasMessage("no complete answer within 2 s");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void aPostIsRefusedLikeAGetAndNeverFollowsARedirect() throws IOException {
    assertThatThrownBy(
            () ->
                http.post(
                    URI.create(base(forbidden) + "/hook"),
                    Map.of(),
                    new byte[0],
                    Duration.ofSeconds(1)))
        .isInstanceOf(OutboundGuard.Refused.class);
    assertThat(forbiddenCalls).isEmpty();
    assertThat(
            http.post(
                    URI.create(base(allowed) + "/hop"),
                    Map.of(),
                    new byte[] {1},
                    Duration.ofSeconds(2))
                .status())
        .isEqualTo(302);
  }
}
