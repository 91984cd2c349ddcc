package io.waymark.alerts;

import io.waymark.platform.ApiException;
import java.util.Locale;

/** How urgent an alert is; webhooks can be limited to a minimum severity. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** Parses a client's value (any case); a bad one is a 400 naming {@code field}. */
  static Severity parse(String field, String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          field, "must be low, medium, high or critical, got \"" + value + "\"");
    }
  }
}
