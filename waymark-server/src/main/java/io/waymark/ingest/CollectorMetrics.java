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
  private final Map<Endpoint, Map<Integer, Counter>> requests = new EnumMap<>(Endpoint.class);

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
    for (Endpoint e : Endpoint.values()) {
      requests.put(e, new ConcurrentHashMap<>());
    }
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
