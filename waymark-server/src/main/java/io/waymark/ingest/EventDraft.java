package io.waymark.ingest;

import io.waymark.events.Event;
import java.util.UUID;

/** The fields of one incoming event as read, before the rules have been applied. */
final class EventDraft {
  UUID eventId;
  String type;
  String userId;
  String anonymousId;
  String sessionId;
  Long timestamp;
  Long sentAt;
  String pageUrl;
  String pageName;
  String referrer;
  String productId;
  String orderId;
  Double amount;
  String currency;
  String searchQuery;
  String properties;
  String ctxIp;
  String ctxUserAgent;
  String ctxLocale;
  String ctxCountry;

  String userKey() {
    return userId != null ? userId : anonymousId;
  }

  Event toEvent(UUID id, long eventTime, long receivedAt, String source) {
    Event.Context context =
        ctxIp == null && ctxUserAgent == null && ctxLocale == null && ctxCountry == null
            ? Event.Context.EMPTY
            : new Event.Context(ctxIp, ctxUserAgent, ctxLocale, ctxCountry);
    return new Event(
        id,
        type,
        userId,
        anonymousId,
        sessionId,
        eventTime,
        timestamp,
        sentAt,
        receivedAt,
        pageUrl,
        pageName,
        referrer,
        productId,
        orderId,
        amount,
        currency,
        searchQuery,
        properties,
        context,
        source,
        Event.SCHEMA_VERSION);
  }
}
