package io.waymark.client;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One event in the shape of Waymark's event model (docs/event-model.md, schema version 1). Start
 * with the factory for its type, which asks for the type's required fields, then add the rest:
 *
 * <pre>{@code
 * Event.purchase("o-1001", new BigDecimal("59.90"), "EUR").userId("alice").build()
 * }</pre>
 *
 * The {@code event_id} is generated when the event is built, so every retry carries the same id and
 * the collector stores the event once. {@code sent_at} is added by the client at each attempt.
 */
public final class Event {

  private static final Pattern CUSTOM_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  final UUID eventId;
  final String type;
  final String userId;
  final String anonymousId;
  final String sessionId;
  final Instant timestamp;
  final String pageUrl;
  final String pageName;
  final String referrer;
  final String productId;
  final String orderId;
  final BigDecimal amount;
  final String currency;
  final String searchQuery;
  final Map<String, Object> properties;
  final Map<String, String> context;

  private Event(Builder b, Instant timestamp) {
    this.eventId = b.eventId != null ? b.eventId : UUID.randomUUID();
    this.type = b.type;
    this.userId = b.userId;
    this.anonymousId = b.anonymousId;
    this.sessionId = b.sessionId;
    this.timestamp = timestamp;
    this.pageUrl = b.pageUrl;
    this.pageName = b.pageName;
    this.referrer = b.referrer;
    this.productId = b.productId;
    this.orderId = b.orderId;
    this.amount = b.amount;
    this.currency = b.currency;
    this.searchQuery = b.searchQuery;
    this.properties = b.properties.isEmpty() ? Map.of() : Collections.unmodifiableMap(b.properties);
    this.context = b.context.isEmpty() ? Map.of() : Collections.unmodifiableMap(b.context);
  }

  /** A page view of {@code pageUrl} (a path or a full URL). */
  public static Builder pageView(String pageUrl) {
    return new Builder("page_view").pageUrl(required("page_url", pageUrl));
  }

  /** A page view known by its name only, e.g. {@code "Checkout: payment"}. */
  public static Builder namedPageView(String pageName) {
    return new Builder("page_view").pageName(required("page_name", pageName));
  }

  public static Builder productView(String productId) {
    return new Builder("product_view").productId(required("product_id", productId));
  }

  public static Builder search(String query) {
    return new Builder("search").searchQuery(required("search_query", query));
  }

  public static Builder addToCart(String productId) {
    return new Builder("add_to_cart").productId(required("product_id", productId));
  }

  public static Builder removeFromCart(String productId) {
    return new Builder("remove_from_cart").productId(required("product_id", productId));
  }

  public static Builder checkout() {
    return new Builder("checkout");
  }

  public static Builder purchase(String orderId, BigDecimal amount, String currency) {
    return new Builder("purchase")
        .orderId(required("order_id", orderId))
        .amount(required("amount", amount), currency);
  }

  public static Builder click() {
    return new Builder("click");
  }

  public static Builder scroll() {
    return new Builder("scroll");
  }

  /** An event of your own type: lower_snake_case, at most 64 characters. */
  public static Builder custom(String type) {
    return of(type);
  }

  /**
   * An event of any type, standard or custom, e.g. when converting from another event model; {@link
   * Builder#build()} checks the type's required fields.
   */
  public static Builder of(String type) {
    if (type == null || !CUSTOM_TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException(
          "type: must match ^[a-z][a-z0-9_]{0,63}$ (lower_snake_case), got " + quoted(type));
    }
    return new Builder(type);
  }

  public UUID eventId() {
    return eventId;
  }

  public String type() {
    return type;
  }

  /** The user key the collector partitions by: the user id, else the anonymous id. */
  public String userKey() {
    return userId != null ? userId : anonymousId;
  }

  /** The event time; null until the client stamps it with its clock when it is tracked. */
  public Instant timestamp() {
    return timestamp;
  }

  Event at(Instant time) {
    Builder b = toBuilder();
    return new Event(b, time);
  }

  private Builder toBuilder() {
    Builder b = new Builder(type);
    b.eventId = eventId;
    b.userId = userId;
    b.anonymousId = anonymousId;
    b.sessionId = sessionId;
    b.pageUrl = pageUrl;
    b.pageName = pageName;
    b.referrer = referrer;
    b.productId = productId;
    b.orderId = orderId;
    b.amount = amount;
    b.currency = currency;
    b.searchQuery = searchQuery;
    b.properties.putAll(properties);
    b.context.putAll(context);
    return b;
  }

  @Override
  public String toString() {
    return type + " " + eventId + " of " + userKey();
  }

  private static <T> T required(String field, T value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw new IllegalArgumentException(field + ": is required");
    }
    return value;
  }

  private static String quoted(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }

  /** Collects an event's optional fields; {@link #build()} checks the rules the collector would. */
  public static final class Builder {
    private final String type;
    private UUID eventId;
    private String userId;
    private String anonymousId;
    private String sessionId;
    private Instant timestamp;
    private String pageUrl;
    private String pageName;
    private String referrer;
    private String productId;
    private String orderId;
    private BigDecimal amount;
    private String currency;
    private String searchQuery;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Map<String, String> context = new LinkedHashMap<>();

    private Builder(String type) {
      this.type = type;
    }

    /** Your own id, e.g. to make a resend of the same business event idempotent. */
    public Builder eventId(UUID eventId) {
      this.eventId = eventId;
      return this;
    }

    public Builder userId(String userId) {
      this.userId = userId;
      return this;
    }

    public Builder anonymousId(String anonymousId) {
      this.anonymousId = anonymousId;
      return this;
    }

    public Builder sessionId(String sessionId) {
      this.sessionId = sessionId;
      return this;
    }

    /** When it happened; default: the client's clock when the event is tracked. */
    public Builder timestamp(Instant timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    public Builder pageUrl(String pageUrl) {
      this.pageUrl = pageUrl;
      return this;
    }

    public Builder pageName(String pageName) {
      this.pageName = pageName;
      return this;
    }

    public Builder referrer(String referrer) {
      this.referrer = referrer;
      return this;
    }

    public Builder productId(String productId) {
      this.productId = productId;
      return this;
    }

    public Builder orderId(String orderId) {
      this.orderId = orderId;
      return this;
    }

    /** A money value; the currency is an ISO-4217 code such as {@code EUR}. */
    public Builder amount(BigDecimal amount, String currency) {
      this.amount = amount;
      this.currency = currency;
      return this;
    }

    public Builder searchQuery(String searchQuery) {
      this.searchQuery = searchQuery;
      return this;
    }

    /** Custom data: strings, numbers, booleans, lists and maps of them. */
    public Builder property(String name, Object value) {
      properties.put(Objects.requireNonNull(name, "property name"), value);
      return this;
    }

    public Builder properties(Map<String, ?> values) {
      values.forEach(this::property);
      return this;
    }

    /** Device context: any of ip, user_agent, locale, country (ISO-3166 alpha-2). */
    public Builder context(String ip, String userAgent, String locale, String country) {
      putIfPresent("ip", ip);
      putIfPresent("user_agent", userAgent);
      putIfPresent("locale", locale);
      putIfPresent("country", country);
      return this;
    }

    private void putIfPresent(String name, String value) {
      if (value != null) {
        context.put(name, value);
      }
    }

    /** The event; throws {@link IllegalArgumentException} naming the field when a rule fails. */
    public Event build() {
      if (userId == null && anonymousId == null) {
        throw new IllegalArgumentException(
            "user_id: user_id or anonymous_id is required (" + type + " event)");
      }
      String missing = missingField();
      if (missing != null) {
        throw new IllegalArgumentException(missing + ": is required for " + type + " events");
      }
      if (amount != null && amount.signum() < 0) {
        throw new IllegalArgumentException("amount: must be >= 0, got " + amount);
      }
      if (amount != null && (currency == null || !CURRENCY.matcher(currency).matches())) {
        throw new IllegalArgumentException(
            "currency: must be an ISO-4217 code like EUR when amount is given, got "
                + quoted(currency));
      }
      return new Event(this, timestamp);
    }

    private String missingField() {
      return switch (type) {
        case "page_view" -> pageUrl == null && pageName == null ? "page_url" : null;
        case "product_view", "add_to_cart", "remove_from_cart" ->
            productId == null ? "product_id" : null;
        case "search" -> searchQuery == null ? "search_query" : null;
        case "purchase" -> orderId == null ? "order_id" : amount == null ? "amount" : null;
        default -> null;
      };
    }
  }
}
