package io.waymark.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.waymark.events.Event;
import java.time.Duration;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Collector metrics for Prometheus: requests by endpoint and status, events by outcome and by type,
 * purchase amounts by currency, and how long an acknowledgement takes. Tag values are bounded: a
 * custom event type counts as {@code custom}, a currency the JDK does not know as {@code other}.
 */
final class CollectorMetrics {

  private static final Set<String> CURRENCIES =
      Currency.getAvailableCurrencies().stream()
          .map(Currency::getCurrencyCode)
          .collect(Collectors.toUnmodifiableSet());

  private final MeterRegistry registry;
  private final Counter accepted;
  private final Counter rejected;
  private final Counter suppressed;
  private final Counter erasedSuppressed;
  private final Counter withheldForSuppressedUser;
  private final Map<Endpoint, Map<Integer, Counter>> requests = new EnumMap<>(Endpoint.class);
  private final Map<String, Counter> byType = new HashMap<>();
  private final Map<String, Counter> purchaseAmounts = new ConcurrentHashMap<>();
  private final Timer ackLatency;
  private final Map<Endpoint, Map<UnauthenticatedRequests.Reason, Counter>> unauthenticated =
      new EnumMap<>(Endpoint.class);
  private final Map<String, Counter> overloads = new ConcurrentHashMap<>();

  CollectorMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.accepted = registry.counter("waymark.collector.events", "outcome", "accepted");
    this.rejected = registry.counter("waymark.collector.events", "outcome", "rejected");
    this.suppressed = registry.counter("waymark.collector.quarantine.suppressed");
    this.erasedSuppressed =
        Counter.builder("waymark.collector.events.suppressed")
            .description(
                "events accepted but not logged because their user was erased with suppression")
            .register(registry);
    this.withheldForSuppressedUser =
        Counter.builder("waymark.collector.quarantine.withheld")
            .tag("reason", "suppressed_user")
            .description(
                "refused input not quarantined because it names a user erased with suppression")
            .register(registry);
    for (Endpoint e : Endpoint.values()) {
      requests.put(e, new ConcurrentHashMap<>());
      Map<UnauthenticatedRequests.Reason, Counter> byReason =
          new EnumMap<>(UnauthenticatedRequests.Reason.class);
      for (UnauthenticatedRequests.Reason r : UnauthenticatedRequests.Reason.values()) {
        byReason.put(
            r,
            Counter.builder("waymark.collector.unauthenticated")
                .tag("endpoint", e.path())
                .tag("reason", r.apiName())
                .description(
                    "requests refused for a missing or unknown key, answered from their headers"
                        + " (bodies not read or kept)")
                .register(registry));
      }
      unauthenticated.put(e, byReason);
    }
    for (String type : EventRules.STANDARD_TYPES) {
      byType.put(type, typeCounter(type));
    }
    byType.put("custom", typeCounter("custom"));
    // A few fixed buckets (not a percentile histogram): cheap on the hot path, and enough for a
    // p99 across instances with histogram_quantile.
    this.ackLatency =
        Timer.builder("waymark.collector.ack")
            .description(
                "time from a collector request's arrival until it is answered, for requests whose"
                    + " events the log acknowledged (status 200)")
            .serviceLevelObjectives(
                Duration.ofMillis(5),
                Duration.ofMillis(10),
                Duration.ofMillis(25),
                Duration.ofMillis(50),
                Duration.ofMillis(100),
                Duration.ofMillis(250),
                Duration.ofMillis(500),
                Duration.ofSeconds(1),
                Duration.ofMillis(2500),
                Duration.ofSeconds(5))
            .register(registry);
  }

  private Counter typeCounter(String type) {
    return Counter.builder("waymark.collector.events.by.type")
        .description("events accepted by the collector and acknowledged by the log, by type")
        .tag("type", type)
        .register(registry);
  }

  /** Counts acknowledged events by type, and purchases' amounts by currency. */
  void acknowledged(List<Event> events) {
    for (Event e : events) {
      Counter c = byType.get(e.type());
      (c != null ? c : byType.get("custom")).increment();
      if (e.amount() != null && e.currency() != null && e.type().equals("purchase")) {
        String currency = CURRENCIES.contains(e.currency()) ? e.currency() : "other";
        purchaseAmounts
            .computeIfAbsent(
                currency,
                cur ->
                    Counter.builder("waymark.collector.purchase.amount")
                        .description(
                            "sum of the amounts of acknowledged purchase events, by currency (as"
                                + " sent, before any refund; Insights has the reconciled revenue)")
                        .tag("currency", cur)
                        .register(registry))
            .increment(e.amount());
      }
    }
  }

  void ackLatency(long nanos) {
    ackLatency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  void unauthenticated(Endpoint endpoint, UnauthenticatedRequests.Reason reason) {
    unauthenticated.get(endpoint).get(reason).increment();
  }

  /** A request turned away at a limit before its body was read ({@code limit}: the setting). */
  void overloaded(String limit) {
    overloads
        .computeIfAbsent(
            limit,
            l ->
                Counter.builder("waymark.collector.overloaded")
                    .tag("limit", l)
                    .description("collector requests answered 503 at a limit before being read")
                    .register(registry))
        .increment();
  }

  void withheldForSuppressedUser() {
    withheldForSuppressedUser.increment();
  }

  MeterRegistry registry() {
    return registry;
  }

  void recorded(Endpoint endpoint, int status, int acceptedEvents, int rejectedEvents) {
    requests
        .get(endpoint)
        .computeIfAbsent(
            status,
            s ->
                registry.counter(
                    "waymark.collector.requests",
                    "endpoint",
                    endpoint.path(),
                    "status",
                    String.valueOf(s)))
        .increment();
    if (acceptedEvents > 0) {
      accepted.increment(acceptedEvents);
    }
    if (rejectedEvents > 0) {
      rejected.increment(rejectedEvents);
    }
  }

  void suppressed(int events) {
    erasedSuppressed.increment(events);
  }

  void quarantineSuppressed() {
    suppressed.increment();
  }
}
