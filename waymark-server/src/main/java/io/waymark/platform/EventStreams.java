package io.waymark.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.admin.AccountPrincipal;
import io.waymark.admin.Accounts;
import io.waymark.admin.ApiKeyPrincipal;
import io.waymark.admin.ApiKeys;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Every server-sent event stream this instance holds (live figures, alerts). A stream ends after
 * {@code waymark.streams.timeout} (the browser's EventSource reconnects by itself); an account or
 * key holds at most {@code per-account} of them and the instance {@code total}; a stream ends when
 * its login session ends (logout) and, within {@code recheck}, when its account is disabled or
 * deleted or its key revoked; and every stream is completed when the server stops, so a graceful
 * shutdown does not wait its whole timeout for them.
 */
@Component
public class EventStreams implements SmartLifecycle, HttpSessionListener {

  /** The rules every stream follows, for the API documentation. */
  public static final String RULES =
      "A stream ends after waymark.streams.timeout (10 min; the browser's EventSource reconnects"
          + " 3 s later), when the login session ends (logout), within 5 s when the account is"
          + " disabled or the key revoked, and when the server stops. One account or key holds at"
          + " most waymark.streams.per-account (32) streams: beyond, 429 with Retry-After; the"
          + " server at most waymark.streams.total (512): beyond, 503 with Retry-After.";

  private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

  /** Who a stream belongs to: an account (session or HTTP Basic) or an API key. */
  record Owner(String kind, String id) {}

  private record Stream(SseEmitter emitter, Owner owner, String sessionId) {}

  private final Set<Stream> open = ConcurrentHashMap.newKeySet();
  private final StreamSettings settings;
  private final Accounts accounts;
  private final ApiKeys keys;
  private final ObjectMapper json;
  private final Counter refusedPerAccount;
  private final Counter refusedTotal;
  private final ScheduledExecutorService checker =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("stream-check").daemon().factory());
  private volatile boolean running;

  EventStreams(
      StreamSettings settings,
      Accounts accounts,
      ApiKeys keys,
      ObjectMapper json,
      MeterRegistry meters) {
    this.settings = settings;
    this.accounts = accounts;
    this.keys = keys;
    this.json = json;
    Gauge.builder("waymark.streams.open", open, Set::size)
        .description("Server-sent event streams open on this instance")
        .register(meters);
    this.refusedPerAccount = refused(meters, "per_account");
    this.refusedTotal = refused(meters, "total");
  }

  private static Counter refused(MeterRegistry meters, String limit) {
    return Counter.builder("waymark.streams.refused")
        .description("Streams refused because a limit was reached")
        .tag("limit", limit)
        .register(meters);
  }

  /**
   * Opens a stream for the calling account or key; when a limit is reached or the server is
   * stopping, answers the request itself (429 or 503 with Retry-After and the API's error body) and
   * returns null, which a controller returns as it is.
   */
  public SseEmitter open(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Owner owner = owner(SecurityContextHolder.getContext().getAuthentication());
    HttpSession session = request.getSession(false);
    Stream stream;
    synchronized (open) {
      if (!running) {
        return refuse(response, 503, "5", "the server is stopping; reconnect in a few seconds");
      }
      if (open.size() >= settings.total()) {
        refusedTotal.increment();
        return refuse(
            response,
            503,
            "30",
            "this server already holds "
                + settings.total()
                + " streams (waymark.streams.total); retry later, or poll the same figures");
      }
      long mine = open.stream().filter(s -> s.owner().equals(owner)).count();
      if (mine >= settings.perAccount()) {
        refusedPerAccount.increment();
        return refuse(
            response,
            429,
            "30",
            "this account already has "
                + mine
                + " open streams (waymark.streams.per-account); close other tabs or windows of"
                + " the web app, or poll the same figures");
      }
      stream =
          new Stream(
              new SseEmitter(settings.timeout().toMillis()),
              owner,
              session == null ? null : session.getId());
      open.add(stream);
    }
    SseEmitter emitter = stream.emitter();
    emitter.onCompletion(() -> open.remove(stream));
    emitter.onError(e -> open.remove(stream));
    // The timeout is the normal end of a stream: complete it, and the browser reconnects.
    emitter.onTimeout(
        () -> {
          open.remove(stream);
          emitter.complete();
        });
    // Ask EventSource to reconnect 3 s after the stream ends (its default varies by browser).
    emitter.send(SseEmitter.event().reconnectTime(3_000).comment("open"));
    return emitter;
  }

  /** Streams open now (for tests and metrics). */
  public int size() {
    return open.size();
  }

  /**
   * Ends the session's streams on the checker's thread: this runs inside the session's invalidation
   * (a logout request), which must not wait for a stream's writer.
   */
  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    String id = event.getSession().getId();
    if (open.stream().anyMatch(s -> id.equals(s.sessionId()))) {
      try {
        checker.execute(() -> closeWhere(s -> id.equals(s.sessionId()), "its login session ended"));
      } catch (java.util.concurrent.RejectedExecutionException stopped) {
        // the server is stopping: stop() ends every stream
      }
    }
  }

  /**
   * Ends the streams of accounts that are disabled or gone and of keys that were revoked, and sends
   * the others a comment: a client that went away is noticed (and its slot freed) even on a stream
   * that has nothing to push, and proxies see the connection is alive.
   */
  void recheck() {
    Map<Owner, Boolean> allowed = new HashMap<>();
    for (Stream s : open) {
      allowed.computeIfAbsent(s.owner(), this::stillAllowed);
    }
    closeWhere(s -> !allowed.getOrDefault(s.owner(), true), "its account or key lost access");
    for (Stream s : open) {
      try {
        s.emitter().send(SseEmitter.event().comment(""));
      } catch (IOException | IllegalStateException gone) {
        open.remove(s);
        s.emitter().completeWithError(gone);
      }
    }
  }

  private boolean stillAllowed(Owner o) {
    try {
      return switch (o.kind()) {
        case "account" -> accounts.byId(o.id()).filter(a -> !a.disabled()).isPresent();
        case "key" -> keys.find(o.id()).isPresent();
        default -> true;
      };
    } catch (RuntimeException e) {
      log.warn(
          "Could not check the access of open streams ({}); checking again soon", e.toString());
      return true;
    }
  }

  /** Ends every open stream, as its timeout would (clients reconnect); returns how many. */
  public int endAll(String why) {
    return closeWhere(s -> true, why);
  }

  private int closeWhere(Predicate<Stream> which, String why) {
    int n = 0;
    for (Stream s : open) {
      if (which.test(s) && open.remove(s)) {
        s.emitter().complete();
        n++;
      }
    }
    if (n > 0) {
      log.info("Closed {} server-sent event stream(s): {}", n, why);
    }
    return n;
  }

  private Owner owner(Authentication who) {
    Object p = who == null ? null : who.getPrincipal();
    return switch (p) {
      case AccountPrincipal a -> new Owner("account", a.id());
      case ApiKeyPrincipal k -> new Owner("key", k.id());
      case UserDetails u ->
          accounts
              .find(u.getUsername())
              .map(a -> new Owner("account", a.id()))
              .orElse(new Owner("basic", u.getUsername()));
      case null, default -> new Owner("other", String.valueOf(p));
    };
  }

  private SseEmitter refuse(HttpServletResponse response, int status, String retry, String why)
      throws IOException {
    response.setStatus(status);
    response.setHeader("Retry-After", retry);
    response.setContentType("application/json");
    json.writeValue(response.getOutputStream(), new ApiException(status, "stream", why).body());
    return null;
  }

  @Override
  public void start() {
    running = true;
    long every = settings.recheck().toMillis();
    checker.scheduleWithFixedDelay(
        () -> {
          try {
            recheck();
          } catch (RuntimeException e) {
            log.warn("Checking the open streams failed ({}); trying again soon", e.toString());
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Completes every stream before the web server's graceful shutdown begins (this runs in an
   * earlier phase), so the shutdown does not wait for them.
   */
  @Override
  public void stop() {
    synchronized (open) {
      running = false;
    }
    endAll("the server is stopping");
    checker.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // Above the web server's graceful shutdown (DEFAULT_PHASE - 1024): stopped before it.
    return SmartLifecycle.DEFAULT_PHASE;
  }
}
