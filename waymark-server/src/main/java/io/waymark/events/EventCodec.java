package io.waymark.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * Encodes events as they are written to the log: compact JSON with epoch-millisecond times. It is
 * hand-written on Jackson's streaming API because it runs once per event on the hot path.
 */
public final class EventCodec {

  private static final JsonFactory JSON = new JsonFactory();
  private static final SerializedString EVENT_ID = new SerializedString("event_id");
  private static final SerializedString TYPE = new SerializedString("type");

  private EventCodec() {}

  public static byte[] encode(Event e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(384);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeFieldName(EVENT_ID);
      g.writeString(e.eventId().toString());
      g.writeFieldName(TYPE);
      g.writeString(e.type());
      string(g, "user_id", e.userId());
      string(g, "anonymous_id", e.anonymousId());
      string(g, "session_id", e.sessionId());
      g.writeNumberField("timestamp", e.timestamp());
      number(g, "client_timestamp", e.clientTimestamp());
      number(g, "sent_at", e.sentAt());
      g.writeNumberField("received_at", e.receivedAt());
      string(g, "page_url", e.pageUrl());
      string(g, "page_name", e.pageName());
      string(g, "referrer", e.referrer());
      string(g, "product_id", e.productId());
      string(g, "order_id", e.orderId());
      if (e.amount() != null) {
        g.writeNumberField("amount", e.amount());
      }
      string(g, "currency", e.currency());
      string(g, "search_query", e.searchQuery());
      if (e.properties() != null) {
        g.writeFieldName("properties");
        g.writeRawValue(e.properties());
      }
      Event.Context c = e.context();
      if (c != null && !c.equals(Event.Context.EMPTY)) {
        g.writeObjectFieldStart("context");
        string(g, "ip", c.ip());
        string(g, "user_agent", c.userAgent());
        string(g, "locale", c.locale());
        string(g, "country", c.country());
        g.writeEndObject();
      }
      g.writeStringField("source", e.source());
      g.writeNumberField("schema_version", e.schemaVersion());
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toByteArray();
  }

  public static Event decode(byte[] bytes) {
    try (JsonParser p = JSON.createParser(bytes)) {
      return read(p);
    } catch (IOException ex) {
      throw new UncheckedIOException("undecodable event on the log: " + ex.getMessage(), ex);
    }
  }

  private static Event read(JsonParser p) throws IOException {
    Builder b = new Builder();
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new IOException("expected an object");
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "event_id" -> b.eventId = UUID.fromString(p.getText());
        case "type" -> b.type = p.getText();
        case "user_id" -> b.userId = p.getText();
        case "anonymous_id" -> b.anonymousId = p.getText();
        case "session_id" -> b.sessionId = p.getText();
        case "timestamp" -> b.timestamp = p.getLongValue();
        case "client_timestamp" -> b.clientTimestamp = p.getLongValue();
        case "sent_at" -> b.sentAt = p.getLongValue();
        case "received_at" -> b.receivedAt = p.getLongValue();
        case "page_url" -> b.pageUrl = p.getText();
        case "page_name" -> b.pageName = p.getText();
        case "referrer" -> b.referrer = p.getText();
        case "product_id" -> b.productId = p.getText();
        case "order_id" -> b.orderId = p.getText();
        case "amount" -> b.amount = p.getDoubleValue();
        case "currency" -> b.currency = p.getText();
        case "search_query" -> b.searchQuery = p.getText();
        case "properties" -> b.properties = RawJson.copy(p, t);
        case "context" -> b.context = readContext(p);
        case "source" -> b.source = p.getText();
        case "schema_version" -> b.schemaVersion = p.getIntValue();
        default -> p.skipChildren();
      }
    }
    return b.build();
  }

  private static Event.Context readContext(JsonParser p) throws IOException {
    String ip = null;
    String ua = null;
    String locale = null;
    String country = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "ip" -> ip = p.getText();
        case "user_agent" -> ua = p.getText();
        case "locale" -> locale = p.getText();
        case "country" -> country = p.getText();
        default -> p.skipChildren();
      }
    }
    return new Event.Context(ip, ua, locale, country);
  }

  private static void string(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static void number(JsonGenerator g, String name, Long value) throws IOException {
    if (value != null) {
      g.writeNumberField(name, value);
    }
  }

  private static final class Builder {
    UUID eventId;
    String type;
    String userId;
    String anonymousId;
    String sessionId;
    long timestamp;
    Long clientTimestamp;
    Long sentAt;
    long receivedAt;
    String pageUrl;
    String pageName;
    String referrer;
    String productId;
    String orderId;
    Double amount;
    String currency;
    String searchQuery;
    String properties;
    Event.Context context = Event.Context.EMPTY;
    String source = "unknown";
    int schemaVersion = Event.SCHEMA_VERSION;

    Event build() {
      return new Event(
          eventId,
          type,
          userId,
          anonymousId,
          sessionId,
          timestamp,
          clientTimestamp,
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
          schemaVersion);
    }
  }
}
