package io.waymark.alerts;

import java.time.Duration;
import java.time.Instant;

/** Test-data builder for alert rules. */
final class TestRules {

  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

  private TestRules() {}

  static AlertRule eventFlood(int id, int threshold, Duration window) {
    return rule(id, RuleKind.EVENT_COUNT, threshold, window, null);
  }

  static AlertRule failedPayments(int id, int threshold, Duration window) {
    return rule(id, RuleKind.EVENT_COUNT, threshold, window, "payment_failed");
  }

  static AlertRule spend(int id, double threshold, Duration window) {
    return rule(id, RuleKind.AMOUNT_SUM, threshold, window, "purchase");
  }

  static AlertRule newIdentityPurchase(int id, double amount, Duration youngerThan) {
    return rule(id, RuleKind.NEW_IDENTITY_PURCHASE, amount, youngerThan, "purchase");
  }

  static AlertRule rule(int id, RuleKind kind, double threshold, Duration window, String type) {
    return new AlertRule(
        id,
        1,
        "rule " + id,
        null,
        kind,
        threshold,
        window,
        type,
        null,
        Severity.HIGH,
        true,
        CREATED,
        CREATED);
  }

  static AlertRule revised(AlertRule r, double threshold) {
    return new AlertRule(
        r.id(),
        r.revision() + 1,
        r.name(),
        r.description(),
        r.kind(),
        threshold,
        r.window(),
        r.eventType(),
        r.currency(),
        r.severity(),
        r.enabled(),
        r.createdAt(),
        r.updatedAt());
  }
}
