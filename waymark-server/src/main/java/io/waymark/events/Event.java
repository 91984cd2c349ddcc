package io.waymark.events;

import java.util.UUID;

/**
 * One accepted, normalised event (schema version 1, see docs/event-model.md). Times are epoch
 * milliseconds in UTC; {@code timestamp} is already corrected for client clock skew.
 */
public record Event(
    UUID eventId,
    String type,
    String userId,
    String anonymousId,
    String sessionId,
    long timestamp,
    Long clientTimestamp,
    Long sentAt,
    long receivedAt,
    String pageUrl,
    String pageName,
    String referrer,
    String productId,
    String orderId,
    Double amount,
    String currency,
    String searchQuery,
    String properties,
    Context context,
    String source,
    int schemaVersion) {

  public static final int SCHEMA_VERSION = 1;

  /** The source prefix of events loaded by a bulk import: history, not live traffic. */
  public static final String IMPORT_SOURCE_PREFIX = "import:";

  /** Client context of an event; every part is optional. */
  public record Context(String ip, String userAgent, String locale, String country) {
    public static final Context EMPTY = new Context(null, null, null, null);
  }

  /** Whether a bulk import loaded the event: it is stored, but opens no session, fires no alert. */
  public boolean backfill() {
    return source != null && source.startsWith(IMPORT_SOURCE_PREFIX);
  }

  /** The partitioning key: the user id, or the anonymous id until the user identifies. */
  public String userKey() {
    return userId != null ? userId : anonymousId;
  }
}
