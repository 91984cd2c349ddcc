package io.waymark.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * Reads one event object from a streaming parser into an {@link EventDraft}, recording a {@link
 * FieldError} for every field of the wrong type or shape and for every unknown field. It never
 * stops at the first error, so a client sees everything that is wrong with an event at once.
 */
final class EventReader {

  /** Epoch values below this are taken to be seconds by mistake (year 1973 in milliseconds). */
  private static final long MIN_EPOCH_MILLIS = 100_000_000_000L;

  private static final int MAX_PROPERTIES_BYTES = 16 * 1024;

  private EventReader() {}

  /** Reads the object whose START_OBJECT the parser is on; leaves it on the END_OBJECT. */
  static void read(
      JsonParser p, Dialect dialect, EventDraft d, List<FieldError> errors, byte[] body, int base)
      throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (name) {
        case "event_id" -> d.eventId = uuid(p, t, name, errors);
        case "type" -> d.type = string(p, t, name, 64, errors);
        case "event_type" -> d.type = string(p, t, name, 64, errors);
        case "user_id" -> d.userId = string(p, t, name, 128, errors);
        case "anonymous_id" -> d.anonymousId = string(p, t, name, 128, errors);
        case "session_id" -> d.sessionId = string(p, t, name, 128, errors);
        case "timestamp" -> d.timestamp = time(p, t, name, errors);
        case "sent_at" -> d.sentAt = time(p, t, name, errors);
        case "received_at" -> p.skipChildren(); // server-owned; a client value is ignored
        case "page_url" -> d.pageUrl = string(p, t, name, 2048, errors);
        case "page_name" -> d.pageName = string(p, t, name, 512, errors);
        case "referrer" -> d.referrer = string(p, t, name, 2048, errors);
        case "product_id" -> d.productId = string(p, t, name, 128, errors);
        case "order_id" -> d.orderId = string(p, t, name, 128, errors);
        case "amount" -> d.amount = number(p, t, name, errors);
        case "currency" -> d.currency = string(p, t, name, 3, errors);
        case "search_query" -> d.searchQuery = string(p, t, name, 512, errors);
        case "properties" -> d.properties = object(p, t, name, errors, body, base);
        case "context" -> readContext(p, t, d, errors);
        case "schema_version" -> schemaVersion(p, t, errors);
        default -> {
          if (dialect == Dialect.PAGE && name.equals("name")) {
            d.pageName = string(p, t, name, 512, errors);
          } else {
            errors.add(new FieldError(name, "unknown field; put custom data under \"properties\""));
            p.skipChildren();
          }
        }
      }
    }
  }

  private static void readContext(JsonParser p, JsonToken t, EventDraft d, List<FieldError> errors)
      throws IOException {
    if (t != JsonToken.START_OBJECT) {
      errors.add(new FieldError("context", "must be an object"));
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      String field = "context." + name;
      switch (name) {
        case "ip" -> d.ctxIp = string(p, v, field, 64, errors);
        case "user_agent" -> d.ctxUserAgent = string(p, v, field, 1024, errors);
        case "locale" -> d.ctxLocale = string(p, v, field, 35, errors);
        case "country" -> d.ctxCountry = string(p, v, field, 2, errors);
        default -> {
          errors.add(
              new FieldError(field, "unknown field; allowed: ip, user_agent, locale, country"));
          p.skipChildren();
        }
      }
    }
  }

  private static String string(
      JsonParser p, JsonToken t, String field, int maxLength, List<FieldError> errors)
      throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      errors.add(new FieldError(field, "must be a string, got " + describe(t)));
      p.skipChildren();
      return null;
    }
    String s = p.getText();
    if (s.isEmpty()) {
      errors.add(new FieldError(field, "must not be empty"));
      return null;
    }
    if (s.length() > maxLength) {
      errors.add(
          new FieldError(field, "is " + s.length() + " characters; the limit is " + maxLength));
      return null;
    }
    return s;
  }

  private static UUID uuid(JsonParser p, JsonToken t, String field, List<FieldError> errors)
      throws IOException {
    String s = string(p, t, field, 36, errors);
    if (s == null) {
      return null;
    }
    try {
      if (s.length() == 36) {
        return UUID.fromString(s);
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    errors.add(new FieldError(field, "must be a UUID like 3f0e8a2c-5b1d-4c2e-9a7f-1b2c3d4e5f60"));
    return null;
  }

  private static Long time(JsonParser p, JsonToken t, String field, List<FieldError> errors)
      throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      long v = p.getLongValue();
      if (v < MIN_EPOCH_MILLIS) {
        errors.add(new FieldError(field, "epoch values must be in milliseconds, got " + v));
        return null;
      }
      return v;
    }
    if (t != JsonToken.VALUE_STRING) {
      errors.add(new FieldError(field, "must be an ISO-8601 string or epoch milliseconds"));
      p.skipChildren();
      return null;
    }
    String s = p.getText();
    try {
      return IsoTime.parseMillis(s);
    } catch (DateTimeParseException e) {
      errors.add(
          new FieldError(
              field,
              "must be ISO-8601 with a zone offset, e.g. 2026-11-22T10:15:30.123Z; got \""
                  + abbreviate(s)
                  + "\""));
      return null;
    }
  }

  private static Double number(JsonParser p, JsonToken t, String field, List<FieldError> errors)
      throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
      errors.add(new FieldError(field, "must be a number, got " + describe(t)));
      p.skipChildren();
      return null;
    }
    return p.getDoubleValue();
  }

  /** The object's JSON text, sliced from the body (the parser validates it while skipping). */
  private static String object(
      JsonParser p, JsonToken t, String field, List<FieldError> errors, byte[] body, int base)
      throws IOException {
    if (t != JsonToken.START_OBJECT) {
      errors.add(new FieldError(field, "must be a JSON object, got " + describe(t)));
      p.skipChildren();
      return null;
    }
    int start = base + (int) p.currentTokenLocation().getByteOffset();
    p.skipChildren();
    int end = base + (int) p.currentLocation().getByteOffset();
    if (end - start > MAX_PROPERTIES_BYTES) {
      errors.add(
          new FieldError(
              field, "is " + (end - start) + " bytes; the limit is " + MAX_PROPERTIES_BYTES));
      return null;
    }
    return new String(body, start, end - start, StandardCharsets.UTF_8);
  }

  private static void schemaVersion(JsonParser p, JsonToken t, List<FieldError> errors)
      throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT || p.getIntValue() != 1) {
      errors.add(new FieldError("schema_version", "unsupported; this server accepts version 1"));
      p.skipChildren();
    }
  }

  static String describe(JsonToken t) {
    return switch (t) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      default -> String.valueOf(t);
    };
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
