package io.waymark.outbound;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HTTP client for requests Waymark sends out (source downloads, alert and export webhooks).
 * Host names are resolved through the {@link OutboundGuard}, so a connection only ever goes to an
 * address that was checked; redirects of a GET are followed here, one hop at a time, each checked
 * again, and a POST never follows one. A deadline bounds the whole exchange, body included.
 */
public final class OutboundHttp implements AutoCloseable {

  /** The exchange did not finish within its deadline. */
  public static final class TimedOut extends IOException {
    TimedOut(Duration deadline) {
      super("no complete answer within " + deadline.toSeconds() + " s");
    }
  }

  /** A redirect that is not followed: too many of them, or to something other than http(s). */
  public static final class BadRedirect extends IOException {
    BadRedirect(String message) {
      super(message);
    }
  }

  /** The answer to a POST. */
  public record Posted(int status, Optional<String> retryAfter) {}

  private final OutboundGuard guard;
  private final int maxRedirects;
  private final CloseableHttpClient http;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("waymark-outbound-deadline").daemon().factory());

  /** A client that takes up to {@code connectTimeout} to reach a host. */
  public OutboundHttp(OutboundGuard guard, int maxRedirects, Duration connectTimeout) {
    this.guard = guard;
    this.maxRedirects = maxRedirects;
    DnsResolver checked =
        new DnsResolver() {
          @Override
          public java.net.InetAddress[] resolve(String host) throws UnknownHostException {
            return guard.permitted(host);
          }

          @Override
          public String resolveCanonicalHostname(String host) {
            return host;
          }
        };
    this.http =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDnsResolver(checked)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.of(connectTimeout))
                            .build())
                    .build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            .build();
  }

  /** The guard this client resolves through. */
  public OutboundGuard guard() {
    return guard;
  }

  /**
   * GETs {@code url}, following up to the configured number of redirects (an {@code Authorization}
   * header is not sent on to another origin). The answer is open: read its body and close it within
   * the deadline.
   */
  public Answer get(URI url, Map<String, String> headers, Duration deadline) throws IOException {
    Deadline d = new Deadline(deadline);
    Map<String, String> sent = new LinkedHashMap<>(headers);
    URI current = withoutUserInfo(url, sent);
    try {
      for (int hop = 0; ; hop++) {
        HttpGet get = new HttpGet(current);
        sent.forEach(get::addHeader);
        CloseableHttpResponse r = d.execute(get, hop == 0 ? null : current);
        Header location = r.getFirstHeader("Location");
        if (!isRedirect(r.getCode()) || location == null) {
          return new Answer(r, current, d);
        }
        EntityUtils.consumeQuietly(r.getEntity());
        r.close();
        if (hop == maxRedirects) {
          throw new BadRedirect(
              "more than " + maxRedirects + " redirects (waymark.outbound.max-redirects)");
        }
        URI next = next(current, location.getValue());
        if (!sameOrigin(current, next)) {
          sent.keySet().removeIf(h -> h.equalsIgnoreCase("Authorization"));
        }
        current = next;
      }
    } catch (IOException | RuntimeException e) {
      d.close();
      throw e;
    }
  }

  /** POSTs {@code body} to {@code url}; a redirect is an answer like any other (not followed). */
  public Posted post(URI url, Map<String, String> headers, byte[] body, Duration deadline)
      throws IOException {
    try (Deadline d = new Deadline(deadline)) {
      Map<String, String> sent = new LinkedHashMap<>(headers);
      HttpPost post = new HttpPost(withoutUserInfo(url, sent));
      sent.forEach(post::addHeader);
      post.setEntity(new ByteArrayEntity(body, null));
      try (CloseableHttpResponse r = d.execute(post, null)) {
        EntityUtils.consumeQuietly(r.getEntity());
        Header retry = r.getFirstHeader("Retry-After");
        return new Posted(r.getCode(), Optional.ofNullable(retry).map(Header::getValue));
      } catch (IOException e) {
        throw d.fired() ? new TimedOut(deadline) : e;
      }
    }
  }

  /**
   * A URL's {@code user:password@} becomes HTTP Basic (the client refuses URLs with user info); an
   * {@code Authorization} header given with it wins.
   */
  private static URI withoutUserInfo(URI url, Map<String, String> headers) {
    String info = url.getUserInfo();
    if (info == null) {
      return url;
    }
    if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Authorization"))) {
      headers.put(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
    }
    String authority = url.getRawAuthority();
    return URI.create(
        url.getScheme()
            + "://"
            + authority.substring(authority.lastIndexOf('@') + 1)
            + (url.getRawPath() == null ? "" : url.getRawPath())
            + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static URI next(URI current, String location) throws BadRedirect {
    URI next;
    try {
      next = current.resolve(location.strip());
    } catch (IllegalArgumentException e) {
      throw new BadRedirect("redirected to an invalid URL (" + e.getMessage() + ")");
    }
    String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || next.getHost() == null) {
      throw new BadRedirect(
          "redirected to " + Redaction.url(next.toString()) + ", which is not an http(s) URL");
    }
    return next;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    return u.getPort() > 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  /** The open answer to a GET: its status, headers and body, read within the deadline. */
  public static final class Answer implements Closeable {
    private final CloseableHttpResponse response;
    private final URI uri;
    private final Deadline deadline;

    private Answer(CloseableHttpResponse response, URI uri, Deadline deadline) {
      this.response = response;
      this.uri = uri;
      this.deadline = deadline;
    }

    public int status() {
      return response.getCode();
    }

    /** Where the answer came from, after redirects. */
    public URI uri() {
      return uri;
    }

    public Optional<String> header(String name) {
      return Optional.ofNullable(response.getFirstHeader(name)).map(Header::getValue);
    }

    /** The body; reading it past the deadline throws {@link TimedOut}. */
    public InputStream body() throws IOException {
      InputStream in =
          response.getEntity() == null
              ? InputStream.nullInputStream()
              : response.getEntity().getContent();
      return new FilterInputStream(in) {
        @Override
        public int read() throws IOException {
          try {
            return super.read();
          } catch (IOException e) {
            throw deadline.fired() ? new TimedOut(deadline.limit) : e;
          }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          try {
            return super.read(b, off, len);
          } catch (IOException e) {
            throw deadline.fired() ? new TimedOut(deadline.limit) : e;
          }
        }
      };
    }

    @Override
    public void close() throws IOException {
      try {
        response.close();
      } finally {
        deadline.close();
      }
    }
  }

  /** Cancels the request in flight when the time is up. */
  private final class Deadline implements Closeable {
    private final Duration limit;
    private final ScheduledFuture<?> alarm;
    private volatile HttpUriRequestBase current;
    private volatile boolean fired;

    Deadline(Duration limit) {
      this.limit = limit;
      this.alarm =
          timer.schedule(
              () -> {
                fired = true;
                HttpUriRequestBase r = current;
                if (r != null) {
                  r.cancel();
                }
              },
              limit.toMillis(),
              TimeUnit.MILLISECONDS);
    }

    boolean fired() {
      return fired;
    }

    /** Sends one request; {@code redirectedTo} names the hop in a refusal after a redirect. */
    @SuppressWarnings("deprecation") // execute(request) is the plain form; the answer is closed
    CloseableHttpResponse execute(HttpUriRequestBase request, URI redirectedTo) throws IOException {
      request.setConfig(
          RequestConfig.custom()
              .setResponseTimeout(Timeout.of(limit))
              .setRedirectsEnabled(false)
              .build());
      current = request;
      if (fired) {
        throw new TimedOut(limit);
      }
      try {
        return http.execute(request);
      } catch (OutboundGuard.Refused r) {
        throw redirectedTo == null
            ? r
            : new OutboundGuard.Refused(
                "redirected to " + Redaction.url(redirectedTo.toString()) + ": " + r.getMessage());
      } catch (IOException e) {
        throw fired ? new TimedOut(limit) : e;
      }
    }

    @Override
    public void close() {
      alarm.cancel(false);
    }
  }

  @Override
  public void close() throws IOException {
    timer.shutdownNow();
    http.close();
  }
}
