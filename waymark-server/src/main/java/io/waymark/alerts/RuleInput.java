package io.waymark.alerts;

import io.waymark.platform.ApiException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.convert.DurationStyle;

/**
 * A rule as a client sends it. For a create every required field must be there; for a patch only
 * the fields to change. {@code window} is a duration such as {@code 1m}, {@code 90s}, {@code PT1H}.
 */
record RuleInput(
    String name,
    String description,
    String kind,
    Double threshold,
    String window,
    String eventType,
    String currency,
    String severity,
    Boolean enabled) {

  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final Duration MIN_WINDOW = Duration.ofSeconds(1);
  private static final Duration MAX_WINDOW = Duration.ofHours(24);

  /** A checked rule, ready to store. */
  record Valid(
      String name,
      String description,
      RuleKind kind,
      double threshold,
      Duration window,
      String eventType,
      String currency,
      Severity severity,
      boolean enabled) {}

  Valid forCreate() {
    require("name", name);
    require("kind", kind);
    require("threshold", threshold);
    require("window", window);
    return check(
        name,
        description,
        kind(kind),
        threshold,
        window(window),
        eventType,
        currency,
        severity == null ? Severity.MEDIUM : Severity.parse("severity", severity),
        enabled == null || enabled);
  }

  Valid onto(AlertRule r) {
    return check(
        name != null ? name : r.name(),
        description != null ? description : r.description(),
        kind != null ? kind(kind) : r.kind(),
        threshold != null ? threshold : r.threshold(),
        window != null ? window(window) : r.window(),
        eventType != null ? blankToNull(eventType) : r.eventType(),
        currency != null ? blankToNull(currency) : r.currency(),
        severity != null ? Severity.parse("severity", severity) : r.severity(),
        enabled != null ? enabled : r.enabled());
  }

  private static Valid check(
      String name,
      String description,
      RuleKind kind,
      double threshold,
      Duration window,
      String eventType,
      String currency,
      Severity severity,
      boolean enabled) {
    if (name.isBlank() || name.length() > 100) {
      throw ApiException.badRequest("name", "must be 1 to 100 characters");
    }
    if (description != null && description.length() > 500) {
      throw ApiException.badRequest("description", "must be at most 500 characters");
    }
    if (!(threshold >= 0) || Double.isInfinite(threshold)) {
      throw ApiException.badRequest("threshold", "must be a number >= 0, got " + threshold);
    }
    if (kind == RuleKind.EVENT_COUNT && threshold > AlertEvaluator.MAX_ENTRIES / 2.0) {
      throw ApiException.badRequest(
          "threshold", "an event count rule counts at most " + AlertEvaluator.MAX_ENTRIES / 2);
    }
    if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
      throw ApiException.badRequest(
          "window", "must be between 1s and 24h, got " + AlertEvaluator.human(window));
    }
    String type = blankToNull(eventType);
    if (type != null && !TYPE.matcher(type).matches()) {
      throw ApiException.badRequest(
          "event_type", "must be a lower_snake_case event type, got \"" + type + "\"");
    }
    String cur = blankToNull(currency);
    if (cur != null && !CURRENCY.matcher(cur).matches()) {
      throw ApiException.badRequest(
          "currency", "must be an ISO-4217 code such as EUR, got \"" + cur + "\"");
    }
    return new Valid(
        name.strip(), description, kind, threshold, window, type, cur, severity, enabled);
  }

  private static void require(String field, Object value) {
    if (value == null) {
      throw ApiException.badRequest(field, "is required");
    }
  }

  private static RuleKind kind(String s) {
    try {
      return RuleKind.valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "kind", "must be event_count, amount_sum or new_identity_purchase, got \"" + s + "\"");
    }
  }

  private static Duration window(String s) {
    try {
      return DurationStyle.detectAndParse(s.strip());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "window", "must be a duration such as 60s, 10m, 1h or PT1M, got \"" + s + "\"");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
