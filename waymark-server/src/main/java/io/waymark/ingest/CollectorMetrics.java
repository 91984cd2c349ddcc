package io.waymark.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Collector counters for Prometheus: requests by endpoint and status, events by outcome. */
final class CollectorMetrics {

  private final MeterRegistry registry;
  private final Counter accepted;
  private final Counter rejected;
  private final Counter suppressed;
  private final Counter erasedSuppressed;
  private final Counter withheldForSuppressedUser;
  private final Map<Endpoint, Map<Integer, Counter>> requests = new EnumMap<>(Endpoint.class);
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
