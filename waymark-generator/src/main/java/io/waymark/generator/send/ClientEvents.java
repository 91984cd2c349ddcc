package io.waymark.generator.send;

import io.waymark.client.Event;
import io.waymark.generator.event.EventContext;

/** A simulated event as the Java client's event, field for field (the same event id). */
final class ClientEvents {

  private ClientEvents() {}

  static Event of(io.waymark.generator.event.Event e) {
    Event.Builder b =
        Event.of(e.type())
            .eventId(e.eventId())
            .userId(e.userId())
            .anonymousId(e.anonymousId())
            .sessionId(e.sessionId())
            .timestamp(e.timestamp())
            .pageUrl(e.pageUrl())
            .pageName(e.pageName())
            .referrer(e.referrer())
            .productId(e.productId())
            .orderId(e.orderId())
            .amount(e.amount(), e.currency())
            .searchQuery(e.searchQuery());
    if (e.properties() != null) {
      b.properties(e.properties());
    }
    EventContext c = e.context();
    if (c != null) {
      b.context(c.ip(), c.userAgent(), c.locale(), c.country());
    }
    return b.build();
  }
}
