package io.waymark.generator.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Renders events to the JSON of docs/event-model.md, leaving out null fields. */
public final class EventJson {

  /** ISO-8601 UTC with milliseconds, e.g. {@code 2026-11-22T10:15:30.123Z}. */
  public static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  private final ObjectMapper mapper;

  public EventJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** One event as a JSON object; {@code sentAt} is added when not null. */
  public ObjectNode toNode(Event e, Instant sentAt) {
    ObjectNode n = mapper.createObjectNode();
    n.put("event_id", e.eventId().toString());
    n.put("type", e.type());
    putIfPresent(n, "user_id", e.userId());
    putIfPresent(n, "anonymous_id", e.anonymousId());
    putIfPresent(n, "session_id", e.sessionId());
    n.put("timestamp", TIME.format(e.timestamp()));
    if (sentAt != null) {
      n.put("sent_at", TIME.format(sentAt));
    }
    putIfPresent(n, "page_url", e.pageUrl());
    putIfPresent(n, "page_name", e.pageName());
    putIfPresent(n, "referrer", e.referrer());
    putIfPresent(n, "product_id", e.productId());
    putIfPresent(n, "order_id", e.orderId());
    if (e.amount() != null) {
      n.put("amount", e.amount());
    }
    putIfPresent(n, "currency", e.currency());
    putIfPresent(n, "search_query", e.searchQuery());
    if (e.properties() != null) {
      n.set("properties", mapper.valueToTree(e.properties()));
    }
    if (e.context() != null) {
      ObjectNode c = n.putObject("context");
      putIfPresent(c, "ip", e.context().ip());
      putIfPresent(c, "user_agent", e.context().userAgent());
      putIfPresent(c, "locale", e.context().locale());
      putIfPresent(c, "country", e.context().country());
    }
    return n;
  }

  /** One event as a single line of JSON, as in an NDJSON file. */
  public String line(Event e) {
    return write(toNode(e, null));
  }

  /** A request body: a JSON object for one event, a JSON array for several. */
  public String body(List<Event> events, Instant sentAt) {
    if (events.size() == 1) {
      return write(toNode(events.get(0), sentAt));
    }
    ArrayNode array = mapper.createArrayNode();
    events.forEach(e -> array.add(toNode(e, sentAt)));
    return write(array);
  }

  private String write(Object node) {
    try {
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void putIfPresent(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }
}
