package io.waymark.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Sends events to a Waymark collector from a background thread, in batches. {@link #track} never
 * blocks: it puts the event in a bounded queue and returns false (reporting the event to {@link
 * ClientListener#dropped}) when the queue is full or the client is closed. Memory is bounded by
 * {@code maxQueuedEvents} plus one batch in flight.
 *
 * <pre>{@code
 * try (WaymarkClient waymark = WaymarkClient.builder("http://localhost:8081", key).build()) {
 *   waymark.track(Event.addToCart("sku-1").userId("alice"));
 * }
 * }</pre>
 */
public final class WaymarkClient implements AutoCloseable {

  private final EventQueue queue;
  private final Outcomes outcomes;
  private final Delivery delivery;
  private final Clock clock;
  private final int batchSize;
  private final long lingerNanos;
  private final Duration closeTimeout;
  private final HttpClient ownHttp;
  private final Thread sender;
  private volatile boolean closed;

  private WaymarkClient(Builder b) {
    this.queue = new EventQueue(b.maxQueuedEvents);
    this.outcomes = new Outcomes(b.listener);
    this.clock = b.clock;
    this.batchSize = b.batchSize;
    this.lingerNanos = b.linger.toNanos();
    this.closeTimeout = b.closeTimeout;
    this.ownHttp =
        b.http != null
            ? null
            : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    this.delivery =
        new Delivery(
            b.http != null ? b.http : ownHttp,
            b.endpoint,
            b.key,
            b.requestTimeout,
            new Backoff(b.firstBackoff, b.maxBackoff, b.random, b.clock),
            new Delivery.Retries(b.maxAttempts, b.retryFor),
            b.sleeper,
            b.clock,
            outcomes);
    this.sender = Thread.ofPlatform().name("waymark-client-sender").daemon().start(this::send);
  }

  /**
   * A client for the collector at {@code baseUrl} (e.g. {@code http://localhost:8081}); events go
   * to {@code <baseUrl>/api/v1/events} with {@code Authorization: Bearer <ingestKey>}.
   */
  public static Builder builder(String baseUrl, String ingestKey) {
    return new Builder(baseUrl, ingestKey);
  }

  /**
   * Queues the event for sending; stamps it with the client's clock when it has no timestamp.
   * Returns false, without waiting, when the queue is full or the client is closed.
   */
  public boolean track(Event event) {
    Event e = event.timestamp() == null ? event.at(clock.instant()) : event;
    if (closed) {
      outcomes.dropped(e, "the client is closed");
      return false;
    }
    if (!queue.offer(e)) {
      outcomes.dropped(e, "the queue is full (maxQueuedEvents); the collector is slow or away");
      return false;
    }
    return true;
  }

  /** Builds the event and queues it; see {@link #track(Event)}. */
  public boolean track(Event.Builder event) {
    return track(event.build());
  }

  /**
   * Sends what is queued now without lingering and waits until each of those events is accepted,
   * rejected or given up. Returns false when the timeout passed first (or the thread was
   * interrupted).
   */
  public boolean flush(Duration timeout) {
    long sequence = queue.hurry();
    try {
      return queue.awaitFinished(sequence, timeout.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Counters so far. */
  public ClientStats stats() {
    return outcomes.stats(queue.size());
  }

  /**
   * Stops taking events, delivers what is queued within the close timeout, then gives up the rest
   * (reported to {@link ClientListener#failed}).
   */
  @Override
  public void close() {
    close(closeTimeout);
  }

  /**
   * Closes with a time limit of its own; {@link Duration#ZERO} gives up everything still queued at
   * once instead of sending it.
   */
  public void close(Duration timeout) {
    if (closed) {
      return;
    }
    closed = true;
    if (timeout.isZero()) {
      List<Event> rest = queue.drain();
      outcomes.failed(rest, 0, "the client was closed before these events were sent");
      queue.finished(rest.size());
    }
    queue.close();
    try {
      if (!sender.join(timeout)) {
        sender.interrupt();
        sender.join();
      }
    } catch (InterruptedException e) {
      sender.interrupt();
      Thread.currentThread().interrupt();
    }
    if (ownHttp != null) {
      ownHttp.close();
    }
  }

  private void send() {
    try {
      while (true) {
        List<Event> batch = queue.nextBatch(batchSize, lingerNanos);
        if (batch.isEmpty()) {
          return;
        }
        try {
          delivery.deliver(batch);
        } finally {
          queue.finished(batch.size());
        }
      }
    } catch (InterruptedException e) {
      List<Event> rest = queue.drain();
      outcomes.failed(rest, 0, "the client was closed before these events were sent");
      queue.finished(rest.size());
    }
  }

  /** The client's settings; every one has a default. */
  public static final class Builder {
    private final URI endpoint;
    private final String key;
    private int batchSize = 100;
    private Duration linger = Duration.ofMillis(500);
    private int maxQueuedEvents = 10_000;
    private Duration firstBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private int maxAttempts = 10;
    private Duration retryFor = Duration.ofMinutes(5);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration closeTimeout = Duration.ofSeconds(10);
    private ClientListener listener = ClientListener.NONE;
    private Clock clock = Clock.systemUTC();
    private HttpClient http;
    private Sleeper sleeper = Sleeper.REAL;
    private RandomGenerator random = RandomGenerator.getDefault();

    private Builder(String baseUrl, String key) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      URI base = URI.create(baseUrl.replaceAll("/+$", ""));
      if (!("http".equals(base.getScheme()) || "https".equals(base.getScheme()))
          || base.getHost() == null) {
        throw new IllegalArgumentException(
            "baseUrl: must be an http(s) URL like http://localhost:8081, got \"" + baseUrl + "\"");
      }
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("ingestKey: is required (wm_ingest_...)");
      }
      this.endpoint = URI.create(base + "/api/v1/events");
      this.key = key.trim();
    }

    /** Events per request, 1 to 1000 (the collector's default limit); default 100. */
    public Builder batchSize(int n) {
      this.batchSize = inRange("batchSize", n, 1, 1000);
      return this;
    }

    /** How long a partial batch waits for more events before it is sent; default 500 ms. */
    public Builder linger(Duration d) {
      this.linger = nonNegative("linger", d);
      return this;
    }

    /** The queue's bound; beyond it {@link #track} returns false; default 10,000. */
    public Builder maxQueuedEvents(int n) {
      this.maxQueuedEvents = inRange("maxQueuedEvents", n, 1, Integer.MAX_VALUE);
      return this;
    }

    /** The first retry waits about {@code first}, each next one twice as long up to {@code max}. */
    public Builder backoff(Duration first, Duration max) {
      this.firstBackoff = nonNegative("backoff first", first);
      this.maxBackoff = nonNegative("backoff max", max);
      return this;
    }

    /** Give a batch up after this many requests or this long since its first failure. */
    public Builder retries(int maxAttempts, Duration retryFor) {
      this.maxAttempts = inRange("maxAttempts", maxAttempts, 1, Integer.MAX_VALUE);
      this.retryFor = nonNegative("retryFor", retryFor);
      return this;
    }

    public Builder requestTimeout(Duration d) {
      this.requestTimeout = nonNegative("requestTimeout", d);
      return this;
    }

    /** How long {@link WaymarkClient#close()} may spend delivering what is queued. */
    public Builder closeTimeout(Duration d) {
      this.closeTimeout = nonNegative("closeTimeout", d);
      return this;
    }

    public Builder listener(ClientListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The clock for default timestamps, {@code sent_at} and HTTP-date Retry-After values. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Your own HTTP client (proxy, TLS settings); the client does not close it. */
    public Builder httpClient(HttpClient http) {
      this.http = Objects.requireNonNull(http, "httpClient");
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    Builder random(RandomGenerator random) {
      this.random = random;
      return this;
    }

    /** Starts the client and its sender thread. */
    public WaymarkClient build() {
      return new WaymarkClient(this);
    }

    private static int inRange(String name, int n, int min, int max) {
      if (n < min || n > max) {
        throw new IllegalArgumentException(
            name + ": must be between " + min + " and " + max + ", got " + n);
      }
      return n;
    }

    private static Duration nonNegative(String name, Duration d) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException(name + ": must be zero or more, got " + d);
      }
      return d;
    }
  }
}
