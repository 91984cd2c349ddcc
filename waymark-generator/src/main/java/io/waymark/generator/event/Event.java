package io.waymark.generator.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One generated event in the shape of docs/event-model.md (schema version 1); null fields are left
 * out of its JSON.
 */
public record Event(
    UUID eventId,
    String type,
    String userId,
    String anonymousId,
    String sessionId,
    Instant timestamp,
    String pageUrl,
    String pageName,
    String referrer,
    String productId,
    String orderId,
    BigDecimal amount,
    String currency,
    String searchQuery,
    Map<String, Object> properties,
    EventContext context) {

  /** The same event at another time, e.g. the wall-clock send time in real-time mode. */
  public Event withTimestamp(Instant time) {
    return new Event(
        eventId,
        type,
        userId,
        anonymousId,
        sessionId,
        time,
        pageUrl,
        pageName,
        referrer,
        productId,
        orderId,
        amount,
        currency,
        searchQuery,
        properties,
        context);
  }

  /**
   * The key the collector partitions by: the user id, or the anonymous id before identification.
   */
  public String userKey() {
    return userId != null ? userId : anonymousId;
  }

  /** Starts an event of the given type; the builder fills in the optional fields. */
  public static Builder builder(UUID eventId, String type, Instant timestamp) {
    return new Builder(eventId, type, timestamp);
  }

  /** Collects the optional fields of an event. */
  public static final class Builder {
    private final UUID eventId;
    private final String type;
    private final Instant timestamp;
    private String userId;
    private String anonymousId;
    private String sessionId;
    private String pageUrl;
    private String pageName;
    private String referrer;
    private String productId;
    private String orderId;
    private BigDecimal amount;
    private String currency;
    private String searchQuery;
    private Map<String, Object> properties;
    private EventContext context;

    private Builder(UUID eventId, String type, Instant timestamp) {
      this.eventId = eventId;
      this.type = type;
      this.timestamp = timestamp;
    }

    public Builder identity(String userId, String anonymousId) {
      this.userId = userId;
      this.anonymousId = anonymousId;
      return this;
    }

    public Builder session(String sessionId, EventContext context) {
      this.sessionId = sessionId;
      this.context = context;
      return this;
    }

    public Builder page(String url, String name, String referrer) {
      this.pageUrl = url;
      this.pageName = name;
      this.referrer = referrer;
      return this;
    }

    public Builder pageUrl(String url) {
      this.pageUrl = url;
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

    public Builder money(BigDecimal amount, String currency) {
      this.amount = amount;
      this.currency = currency;
      return this;
    }

    public Builder searchQuery(String query) {
      this.searchQuery = query;
      return this;
    }

    public Builder properties(Map<String, Object> properties) {
      this.properties = properties;
      return this;
    }

    public Event build() {
      return new Event(
          eventId,
          type,
          userId,
          anonymousId,
          sessionId,
          timestamp,
          pageUrl,
          pageName,
          referrer,
          productId,
          orderId,
          amount,
          currency,
          searchQuery,
          properties,
          context);
    }
  }
}
