package io.waymark.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** An alert as the API, the live push and webhooks show it (times as ISO-8601 instants). */
record AlertView(
    UUID id,
    int ruleId,
    String ruleName,
    RuleKind kind,
    Severity severity,
    String userId,
    String message,
    Instant triggeredAt,
    Instant detectedAt,
    String status,
    String acknowledgedBy,
    Instant acknowledgedAt,
    String note,
    Evidence evidence) {

  /** Why the rule fired: what was measured in which window, and the triggering event. */
  record Evidence(
      double observed,
      double threshold,
      long eventCount,
      String eventType,
      Instant windowStart,
      Instant windowEnd,
      Duration window,
      UUID triggerEventId,
      int ruleRevision) {}

  static AlertView of(Alert a) {
    return of(a, "open", null, null, null);
  }

  static AlertView of(AlertStore.Stored s) {
    return of(s.alert(), s.status(), s.acknowledgedBy(), s.acknowledgedAt(), s.note());
  }

  private static AlertView of(Alert a, String status, String by, Long at, String note) {
    return new AlertView(
        a.id(),
        a.ruleId(),
        a.ruleName(),
        a.kind(),
        a.severity(),
        a.userKey(),
        a.message(),
        Instant.ofEpochMilli(a.triggeredAt()),
        Instant.ofEpochMilli(a.detectedAt()),
        status,
        by,
        at == null ? null : Instant.ofEpochMilli(at),
        note,
        new Evidence(
            a.observed(),
            a.threshold(),
            a.eventCount(),
            a.eventType(),
            Instant.ofEpochMilli(a.windowStart()),
            Instant.ofEpochMilli(a.windowEnd()),
            Duration.ofMillis(a.windowMillis()),
            a.triggerEventId(),
            a.ruleRevision()));
  }
}
