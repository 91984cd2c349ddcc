package io.waymark.ingest;

import io.waymark.eventlog.EventLog;
import io.waymark.events.QuarantineCodec;
import io.waymark.events.QuarantinedItem;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** Writes refused input to the quarantine topic, from which the store keeps it for review. */
final class Quarantine {

  static final int MAX_PAYLOAD_CHARS = 64 * 1024;

  private final EventLog log;
  private final String topic;

  Quarantine(EventLog log, String topic) {
    this.log = log;
    this.topic = topic;
  }

  CompletableFuture<Void> put(QuarantinedItem item) {
    byte[] key = item.userKey() == null ? null : item.userKey().getBytes(StandardCharsets.UTF_8);
    return log.append(topic, key, QuarantineCodec.encode(item));
  }

  static String truncate(String payload) {
    return payload.length() <= MAX_PAYLOAD_CHARS
        ? payload
        : payload.substring(0, MAX_PAYLOAD_CHARS);
  }
}
