package io.waymark.events;

import java.util.UUID;

/** Test-data builder for events: only what a test is about is named; the rest has defaults. */
public final class TestEvents {

  private TestEvents() {}

  /** An event of {@code type} by {@code user} at {@code at} (epoch ms), received 5 ms later. */
  public static Builder event(String user, String type, long at) {
    return new Builder(user, type, at);
  }

  /** Builds one event. */
  public static final class Builder {
    private final String user;
    private final String type;
    private final long at;
    private String pageUrl;
    private String pageName;
    private String anonymousId;
    private boolean anonymousOnly;
    private String orderId;
    private Double amount;
    private String currency;
    private String source = "test";

    private Builder(String user, String type, long at) {
      this.user = user;
      this.type = type;
      this.at = at;
    }

    public Builder page(String url) {
      this.pageUrl = url;
      return this;
    }

    /** The event also carries this anonymous id (as after an identify call). */
    public Builder anonymous(String id) {
      this.anonymousId = id;
      return this;
    }

    /** The event carries only an anonymous id: the builder's user becomes that id. */
    public Builder anonymousOnly() {
      this.anonymousOnly = true;
      return this;
    }

    public Builder named(String name) {
      this.pageName = name;
      return this;
    }

    public Builder purchase(String order, double value, String currencyCode) {
      this.orderId = order;
      this.amount = value;
      this.currency = currencyCode;
      return this;
    }

    /** Where the event came from, e.g. {@code import:clickstream:<id>} for backfill. */
    public Builder source(String from) {
      this.source = from;
      return this;
    }

    public Event build() {
      return new Event(
          UUID.randomUUID(),
          type,
          anonymousOnly ? null : user,
          anonymousOnly ? user : anonymousId,
          null,
          at,
          null,
          null,
          at + 5,
          pageUrl,
          pageName,
          null,
          null,
          orderId,
          amount,
          currency,
          null,
          null,
          Event.Context.EMPTY,
          source,
          1);
    }
  }
}
