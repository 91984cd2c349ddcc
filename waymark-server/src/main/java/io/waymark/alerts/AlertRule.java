package io.waymark.alerts;

import java.time.Duration;
import java.time.Instant;

/**
 * A rule as stored. {@code revision} grows on every change; per-user counting restarts when the
 * revision it was counted under is no longer current, so a changed filter never mixes old counts.
 */
public record AlertRule(
    int id,
    int revision,
    String name,
    String description,
    RuleKind kind,
    double threshold,
    Duration window,
    String eventType,
    String currency,
    Severity severity,
    boolean enabled,
    Instant createdAt,
    Instant updatedAt) {

  /** The event type this rule looks at, or null for every type. */
  public String effectiveEventType() {
    if (eventType != null) {
      return eventType;
    }
    return kind == RuleKind.EVENT_COUNT ? null : "purchase";
  }

  /** True when the event's type (and currency, when the rule names one) is what the rule counts. */
  boolean matches(String type, String eventCurrency) {
    String wanted = effectiveEventType();
    if (wanted != null && !wanted.equals(type)) {
      return false;
    }
    return currency == null || currency.equals(eventCurrency);
  }
}
