package io.waymark.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.events.QuarantinedItem.Problem;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the fields of one row against the same standards as the collector, collecting every
 * problem (not only the first) with the field it is about.
 */
final class RowCheck {

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final BigDecimal MAX_AMOUNT = new BigDecimal("1e12");
  private static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);

  final List<Problem> problems = new ArrayList<>(0);
  private final long now;

  RowCheck(Clock clock) {
    this.now = clock.millis();
  }

  boolean ok() {
    return problems.isEmpty();
  }

  void problem(String field, String reason) {
    problems.add(new Problem(field, reason));
  }

  /** Blank text counts as absent. */
  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  String required(String field, String value, int maxLength) {
    value = blankToNull(value);
    if (value == null) {
      if (problems.stream().noneMatch(p -> p.field().equals(field))) {
        problem(field, "is required");
      }
      return null;
    }
    return optional(field, value, maxLength);
  }

  String optional(String field, String value, int maxLength) {
    value = blankToNull(value);
    if (value != null && value.length() > maxLength) {
      problem(field, "is " + value.length() + " characters; the limit is " + maxLength);
      return null;
    }
    return value;
  }

  String oneOf(String field, String value, Collection<String> allowed) {
    value = blankToNull(value);
    if (value == null) {
      problem(field, "is required, one of " + String.join(", ", allowed));
      return null;
    }
    if (!allowed.contains(value)) {
      problem(
          field,
          "unknown value \"" + abbreviate(value) + "\"; allowed: " + String.join(", ", allowed));
      return null;
    }
    return value;
  }

  /** An ISO-8601 instant with a zone offset, not in the future; null when absent or bad. */
  Long time(String field, String value, boolean required) {
    value = blankToNull(value);
    if (value == null) {
      if (required) {
        problem(field, "is required (ISO-8601 with a zone offset, e.g. 2026-02-10T09:30:00Z)");
      }
      return null;
    }
    long t;
    try {
      t = OffsetDateTime.parse(value).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      problem(
          field,
          "must be ISO-8601 with a zone offset, e.g. 2026-02-10T09:30:00Z; got \""
              + abbreviate(value)
              + "\"");
      return null;
    }
    if (t - now > MAX_FUTURE_SKEW.toMillis()) {
      problem(field, "is in the future (" + value + "); an import holds past records only");
      return null;
    }
    return t;
  }

  /** A money amount: at least 0, at most 1e12, at most two decimals. */
  BigDecimal money(String field, BigDecimal value, boolean required) {
    if (value == null) {
      if (required) {
        problem(field, "is required");
      }
      return null;
    }
    if (value.signum() < 0 || value.compareTo(MAX_AMOUNT) > 0) {
      problem(field, "must be between 0 and 1e12, got " + value.toPlainString());
      return null;
    }
    if (value.stripTrailingZeros().scale() > 2) {
      problem(field, "has more than two decimals: " + value.toPlainString());
      return null;
    }
    return value.setScale(2, java.math.RoundingMode.UNNECESSARY);
  }

  /** A decimal number written as text (a CSV field). */
  BigDecimal decimal(String field, String value) {
    value = blankToNull(value);
    if (value == null) {
      return null;
    }
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      problem(field, "must be a decimal number like 19.90, got \"" + abbreviate(value) + "\"");
      return null;
    }
  }

  /** An ISO-4217 code that exists. */
  String currency(String field, String value, boolean required) {
    value = blankToNull(value);
    if (value == null) {
      if (required) {
        problem(field, "is required (ISO-4217, e.g. EUR)");
      }
      return null;
    }
    if (!CURRENCY.matcher(value).matches()) {
      problem(field, "must be an ISO-4217 code like EUR, got \"" + abbreviate(value) + "\"");
      return null;
    }
    try {
      Currency.getInstance(value);
    } catch (IllegalArgumentException e) {
      problem(field, "is not an ISO-4217 currency: " + value);
      return null;
    }
    return value;
  }

  /** A JSON field that must be a string (or null/absent). */
  String text(JsonNode object, String field) {
    JsonNode n = object.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      problem(field, "must be a string, got " + n.getNodeType().name().toLowerCase());
      return null;
    }
    return n.asText();
  }

  /** A JSON field that must be a number (or null/absent). */
  BigDecimal number(JsonNode object, String field) {
    JsonNode n = object.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isNumber()) {
      problem(field, "must be a number, got " + n.getNodeType().name().toLowerCase());
      return null;
    }
    return n.decimalValue();
  }

  /** Every field of the object is one of {@code known}; each other one is a problem. */
  void onlyKnown(JsonNode object, Set<String> known) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        problem(
            name, "unknown field; allowed: " + String.join(", ", new java.util.TreeSet<>(known)));
      }
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
