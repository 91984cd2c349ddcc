package io.waymark.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Writes request bodies in the collector's JSON and reads its per-item answers. */
final class EventJson {

  /** ISO-8601 UTC with milliseconds, e.g. {@code 2026-11-22T10:15:30.123Z}. */
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  private final ObjectMapper mapper = new ObjectMapper();

  /** One event as a JSON object, several as a JSON array; each carries {@code sent_at}. */
  String body(List<Event> events, Instant sentAt) {
    Object root;
    if (events.size() == 1) {
      root = node(events.get(0), sentAt);
    } else {
      ArrayNode array = mapper.createArrayNode();
      events.forEach(e -> array.add(node(e, sentAt)));
      root = array;
    }
    try {
      return mapper.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ObjectNode node(Event e, Instant sentAt) {
    ObjectNode n = mapper.createObjectNode();
    n.put("event_id", e.eventId.toString());
    n.put("type", e.type);
    put(n, "user_id", e.userId);
    put(n, "anonymous_id", e.anonymousId);
    put(n, "session_id", e.sessionId);
    if (e.timestamp != null) {
      n.put("timestamp", TIME.format(e.timestamp));
    }
    n.put("sent_at", TIME.format(sentAt));
    put(n, "page_url", e.pageUrl);
    put(n, "page_name", e.pageName);
    put(n, "referrer", e.referrer);
    put(n, "product_id", e.productId);
    put(n, "order_id", e.orderId);
    if (e.amount != null) {
      n.put("amount", e.amount);
    }
    put(n, "currency", e.currency);
    put(n, "search_query", e.searchQuery);
    if (!e.properties.isEmpty()) {
      n.set("properties", mapper.valueToTree(e.properties));
    }
    if (!e.context.isEmpty()) {
      ObjectNode c = n.putObject("context");
      e.context.forEach(c::put);
    }
    return n;
  }

  private static void put(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }

  /** The collector's answer: counts and errors; an error without an index concerns every item. */
  record Answer(int accepted, int rejected, String message, List<ItemError> errors) {}

  /** One rejected item (or, with a null index, the whole request). */
  record ItemError(Integer index, String field, String reason) {}

  /** Reads an answer; a body that is not the collector's JSON is kept as the message. */
  Answer answer(String body) {
    JsonNode root;
    try {
      root = body == null || body.isBlank() ? null : mapper.readTree(body);
    } catch (IOException notJson) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      return new Answer(0, 0, body == null ? "" : body, List.of());
    }
    List<ItemError> errors = new ArrayList<>();
    for (JsonNode e : root.path("errors")) {
      errors.add(
          new ItemError(
              e.hasNonNull("index") ? e.get("index").asInt() : null,
              e.path("field").asText(null),
              e.path("reason").asText(null)));
    }
    return new Answer(
        root.path("accepted").asInt(0),
        root.path("rejected").asInt(0),
        root.hasNonNull("message") ? root.get("message").asText() : body,
        errors);
  }
}
