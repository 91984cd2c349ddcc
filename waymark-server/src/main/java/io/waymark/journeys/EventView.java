package io.waymark.journeys;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.waymark.events.Event;
import java.time.Instant;
import java.util.UUID;

/** An event as the API shows it: ISO-8601 times, custom properties as JSON. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EventView(
    UUID eventId,
    String type,
    String userId,
    String anonymousId,
    String sessionId,
    Instant timestamp,
    Instant clientTimestamp,
    Instant sentAt,
    Instant receivedAt,
    String pageUrl,
    String pageName,
    String referrer,
    String productId,
    String orderId,
    Double amount,
    String currency,
    String searchQuery,
    @JsonRawValue String properties,
    Event.Context context,
    String source,
    int schemaVersion) {

  static EventView of(Event e) {
    return new EventView(
        e.eventId(),
        e.type(),
        e.userId(),
        e.anonymousId(),
        e.sessionId(),
        Instant.ofEpochMilli(e.timestamp()),
        instant(e.clientTimestamp()),
        instant(e.sentAt()),
        Instant.ofEpochMilli(e.receivedAt()),
        e.pageUrl(),
        e.pageName(),
        e.referrer(),
        e.productId(),
        e.orderId(),
        e.amount(),
        e.currency(),
        e.searchQuery(),
        e.properties(),
        Event.Context.EMPTY.equals(e.context()) ? null : e.context(),
        e.source(),
        e.schemaVersion());
  }

  private static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
