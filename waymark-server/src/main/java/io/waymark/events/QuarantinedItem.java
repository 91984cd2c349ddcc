package io.waymark.events;

import java.util.List;
import java.util.UUID;

/**
 * Something the collector refused, kept with its raw payload and reason so a person can review,
 * correct and replay it. {@code index} is the element's position in its request (null when the
 * whole request was refused).
 */
public record QuarantinedItem(
    UUID id,
    long receivedAt,
    String source,
    String keyId,
    String remoteAddress,
    int status,
    String reason,
    List<Problem> errors,
    Integer index,
    String userKey,
    String payload,
    boolean payloadTruncated) {

  /** The same record, marked as holding only the start of the payload. */
  public QuarantinedItem withPayloadTruncated() {
    return new QuarantinedItem(
        id,
        receivedAt,
        source,
        keyId,
        remoteAddress,
        status,
        reason,
        errors,
        index,
        userKey,
        payload,
        true);
  }

  /** One field-level reason. */
  public record Problem(String field, String reason) {}
}
