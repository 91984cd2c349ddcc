package io.waymark.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;

/**
 * An event as the collector's JSON (ISO times, snake_case), for places that keep an accepted event
 * as text, such as a quarantined too-late event, so it can be read and replayed.
 */
public final class EventJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EventJson() {}

  public static String of(Event e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("event_id", e.eventId().toString());
    n.put("type", e.type());
    putIfSet(n, "user_id", e.userId());
    putIfSet(n, "anonymous_id", e.anonymousId());
    putIfSet(n, "session_id", e.sessionId());
    n.put("timestamp", Instant.ofEpochMilli(e.timestamp()).toString());
    putIfSet(n, "page_url", e.pageUrl());
    putIfSet(n, "page_name", e.pageName());
    putIfSet(n, "referrer", e.referrer());
    putIfSet(n, "product_id", e.productId());
    putIfSet(n, "order_id", e.orderId());
    if (e.amount() != null) {
      n.put("amount", e.amount());
    }
    putIfSet(n, "currency", e.currency());
    putIfSet(n, "search_query", e.searchQuery());
    if (e.properties() != null) {
      try {
        n.set("properties", JSON.readTree(e.properties()));
      } catch (IOException bad) {
        n.put("properties", e.properties());
      }
    }
    Event.Context c = e.context();
    if (c != null && !c.equals(Event.Context.EMPTY)) {
      ObjectNode ctx = n.putObject("context");
      putIfSet(ctx, "ip", c.ip());
      putIfSet(ctx, "user_agent", c.userAgent());
      putIfSet(ctx, "locale", c.locale());
      putIfSet(ctx, "country", c.country());
    }
    return n.toString();
  }

  private static void putIfSet(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }
}
