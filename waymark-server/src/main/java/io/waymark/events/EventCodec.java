package io.waymark.events;

import java.util.UUID;

/**
 * Encodes events as they are written to the log: a compact binary record (version byte, presence
 * bits, fixed-width numbers, length-prefixed UTF-8 strings). It runs once per event in the
 * collector and once per event in each consumer, so it avoids JSON; {@code properties} stays JSON
 * text inside it.
 */
public final class EventCodec {

  private static final byte VERSION = 1;

  private EventCodec() {}

  public static byte[] encode(Event e) {
    Bytes.Writer w =
        new Bytes.Writer(160 + length(e.pageUrl()) + length(e.properties()) + length(userAgent(e)));
    Event.Context c = e.context() == null ? Event.Context.EMPTY : e.context();
    Object[] optional = {
      e.userId(), e.anonymousId(), e.sessionId(), e.clientTimestamp(), e.sentAt(), e.pageUrl(),
      e.pageName(), e.referrer(), e.productId(), e.orderId(), e.amount(), e.currency(),
      e.searchQuery(), e.properties(), c.ip(), c.userAgent(), c.locale(), c.country()
    };
    int mask = 0;
    for (int i = 0; i < optional.length; i++) {
      if (optional[i] != null) {
        mask |= 1 << i;
      }
    }
    w.raw(VERSION);
    w.varint(mask);
    w.fixed(e.eventId().getMostSignificantBits());
    w.fixed(e.eventId().getLeastSignificantBits());
    w.string(e.type());
    w.fixed(e.timestamp());
    w.fixed(e.receivedAt());
    w.string(e.source());
    w.raw((byte) e.schemaVersion());
    for (Object o : optional) {
      if (o instanceof String s) {
        w.string(s);
      } else if (o instanceof Long l) {
        w.fixed(l);
      } else if (o instanceof Double d) {
        w.fixed(Double.doubleToRawLongBits(d));
      }
    }
    return w.bytes();
  }

  public static Event decode(byte[] bytes) {
    return decode(bytes, false);
  }

  /**
   * Decodes what per-user stream processing needs (ids, type, times, pages, products, money) and
   * skips the rest (session hint, referrer, search, properties, context) without creating strings.
   */
  public static Event decodeForProcessing(byte[] bytes) {
    return decode(bytes, true);
  }

  private static Event decode(byte[] bytes, boolean lean) {
    Bytes.Reader r = new Bytes.Reader(bytes);
    byte version = r.raw();
    if (version != VERSION) {
      throw new IllegalArgumentException(
          "undecodable event on the log: record version "
              + version
              + ", this server reads "
              + VERSION);
    }
    int mask = r.varint();
    UUID id = new UUID(r.fixed(), r.fixed());
    String type = r.string();
    long timestamp = r.fixed();
    long receivedAt = r.fixed();
    String source = r.string();
    int schemaVersion = r.raw();
    String userId = (mask & 1) != 0 ? r.string() : null;
    String anonymousId = (mask & 1 << 1) != 0 ? r.string() : null;
    String sessionId = (mask & 1 << 2) != 0 ? r.string() : null;
    Long clientTimestamp = (mask & 1 << 3) != 0 ? r.fixed() : null;
    Long sentAt = (mask & 1 << 4) != 0 ? r.fixed() : null;
    String pageUrl = (mask & 1 << 5) != 0 ? r.string() : null;
    String pageName = (mask & 1 << 6) != 0 ? r.string() : null;
    String referrer = (mask & 1 << 7) != 0 ? r.string(lean) : null;
    String productId = (mask & 1 << 8) != 0 ? r.string() : null;
    String orderId = (mask & 1 << 9) != 0 ? r.string() : null;
    Double amount = (mask & 1 << 10) != 0 ? Double.longBitsToDouble(r.fixed()) : null;
    String currency = (mask & 1 << 11) != 0 ? r.string() : null;
    String searchQuery = (mask & 1 << 12) != 0 ? r.string(lean) : null;
    String properties = (mask & 1 << 13) != 0 ? r.string(lean) : null;
    String ip = (mask & 1 << 14) != 0 ? r.string(lean) : null;
    String ua = (mask & 1 << 15) != 0 ? r.string(lean) : null;
    String locale = (mask & 1 << 16) != 0 ? r.string(lean) : null;
    String country = (mask & 1 << 17) != 0 ? r.string(lean) : null;
    Event.Context context =
        (mask >>> 14) == 0 ? Event.Context.EMPTY : new Event.Context(ip, ua, locale, country);
    return new Event(
        id,
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

  private static int length(String s) {
    return s == null ? 0 : s.length() * 3;
  }

  private static String userAgent(Event e) {
    return e.context() == null ? null : e.context().userAgent();
  }
}
