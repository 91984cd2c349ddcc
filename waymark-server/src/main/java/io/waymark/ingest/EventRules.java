package io.waymark.ingest;

import io.waymark.events.Event;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The rules an event must keep to be accepted (docs/event-model.md), and the normalisation of an
 * accepted one: generated id, clock-skew-corrected time, receive time and source.
 */
final class EventRules {

  static final Set<String> STANDARD_TYPES =
      Set.of(
          "page_view",
          "product_view",
          "search",
          "add_to_cart",
          "remove_from_cart",
          "checkout",
          "purchase",
          "click",
          "scroll",
          "session_start",
          "session_end");

  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final double MAX_AMOUNT = 1e12;

  private final long maxFutureSkewMillis;
  private final long maxAgeMillis;
  private final Supplier<UUID> ids;

  EventRules(Duration maxFutureSkew, Duration maxAge) {
    this(maxFutureSkew, maxAge, EventRules::randomId);
  }

  /**
   * Rules that give events sent without an {@code event_id} the ids {@code ids} hands out, in order
   * (a replay derives them from the quarantine id, so replaying again yields the same ids).
   */
  EventRules(Duration maxFutureSkew, Duration maxAge, Supplier<UUID> ids) {
    this.maxFutureSkewMillis = maxFutureSkew.toMillis();
    this.maxAgeMillis = maxAge.toMillis();
    this.ids = ids;
  }

  /** Checks the draft; returns the normalised event, or null with {@code errors} filled in. */
  Event apply(
      EventDraft d, Dialect dialect, long receivedAt, String source, List<FieldError> errors) {
    if (dialect == Dialect.PAGE && d.type == null) {
      d.type = "page_view";
    }
    checkType(d, dialect, errors);
    if (d.userId == null && d.anonymousId == null) {
      errors.add(new FieldError("user_id", "either user_id or anonymous_id is required"));
    }
    checkMoney(d, errors);
    if (d.ctxCountry != null && !COUNTRY.matcher(d.ctxCountry).matches()) {
      errors.add(new FieldError("context.country", "must be an ISO-3166 alpha-2 code like DE"));
    }
    long eventTime = eventTime(d, receivedAt, errors);
    if (!errors.isEmpty()) {
      return null;
    }
    UUID id = d.eventId != null ? d.eventId : ids.get();
    return d.toEvent(id, eventTime, receivedAt, source);
  }

  private void checkType(EventDraft d, Dialect dialect, List<FieldError> errors) {
    if (d.type == null) {
      errors.add(new FieldError("type", "is required, e.g. \"page_view\""));
      return;
    }
    if (!STANDARD_TYPES.contains(d.type) && !TYPE.matcher(d.type).matches()) {
      errors.add(
          new FieldError(
              "type",
              "must be lower_snake_case ([a-z][a-z0-9_]*, at most 64 characters), got \""
                  + d.type
                  + "\""));
      return;
    }
    if (dialect == Dialect.PAGE && !d.type.equals("page_view")) {
      errors.add(new FieldError("type", "POST /v1/page only records page_view events"));
    }
    switch (d.type) {
      case "page_view" -> {
        if (d.pageUrl == null && d.pageName == null) {
          errors.add(
              new FieldError(
                  dialect == Dialect.PAGE ? "name" : "page_url",
                  "a page_view needs page_url or page_name"));
        }
      }
      case "product_view", "add_to_cart", "remove_from_cart" ->
          require(d.productId, "product_id", d.type, errors);
      case "search" -> require(d.searchQuery, "search_query", d.type, errors);
      case "purchase" -> {
        require(d.orderId, "order_id", d.type, errors);
        require(d.amount, "amount", d.type, errors);
      }
      default -> {}
    }
  }

  private static void require(Object value, String field, String type, List<FieldError> errors) {
    if (value == null) {
      errors.add(new FieldError(field, "is required for " + type + " events"));
    }
  }

  private static void checkMoney(EventDraft d, List<FieldError> errors) {
    if (d.amount != null) {
      if (d.amount.isNaN() || d.amount < 0 || d.amount > MAX_AMOUNT) {
        errors.add(new FieldError("amount", "must be between 0 and 1e12"));
      }
      if (d.currency == null) {
        errors.add(new FieldError("currency", "is required when amount is given (ISO-4217)"));
      }
    }
    if (d.currency != null && !isCurrencyCode(d.currency)) {
      errors.add(new FieldError("currency", "must be an ISO-4217 code like EUR"));
    }
  }

  private static boolean isCurrencyCode(String s) {
    if (s.length() != 3) {
      return false;
    }
    for (int i = 0; i < 3; i++) {
      char c = s.charAt(i);
      if (c < 'A' || c > 'Z') {
        return false;
      }
    }
    return true;
  }

  private long eventTime(EventDraft d, long receivedAt, List<FieldError> errors) {
    if (d.timestamp == null) {
      return receivedAt;
    }
    long clientNow = d.sentAt != null ? d.sentAt : receivedAt;
    long ahead = d.timestamp - clientNow;
    if (ahead > maxFutureSkewMillis) {
      errors.add(
          new FieldError(
              "timestamp",
              "is "
                  + Duration.ofMillis(ahead).toSeconds()
                  + " s after "
                  + (d.sentAt != null ? "sent_at" : "the server's receive time")
                  + "; the limit is "
                  + maxFutureSkewMillis / 1000
                  + " s. Check the client clock, or send sent_at so the server can correct it"));
      return 0;
    }
    long corrected = d.sentAt != null ? receivedAt - (d.sentAt - d.timestamp) : d.timestamp;
    if (receivedAt - corrected > maxAgeMillis) {
      errors.add(
          new FieldError(
              "timestamp",
              "is more than "
                  + Duration.ofMillis(maxAgeMillis).toHours()
                  + " h old (waymark.collector.max-event-age, the 7-day profile's window);"
                  + " load historic data with a bulk import"));
      return 0;
    }
    return corrected;
  }

  private static UUID randomId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long lsb = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
