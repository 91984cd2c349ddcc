package io.waymark.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/** A request that fails as a whole: unreadable, empty, too large or with too many events. */
final class BodyException extends RuntimeException {

  private final int status;
  private final String field;

  BodyException(int status, String field, String reason) {
    super(reason, null, false, false);
    this.status = status;
    this.field = field;
  }

  static BodyException malformed(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return new BodyException(
        400,
        "body",
        "malformed JSON" + where + ": " + EventDecoder.firstLine(e.getOriginalMessage()));
  }

  static BodyException tooManyEvents(int max) {
    return new BodyException(
        413,
        "body",
        "more than "
            + max
            + " events in one request (waymark.collector.max-events-per-request); split the batch");
  }

  static BodyException tooLarge(long size, long max) {
    return new BodyException(
        413,
        "body",
        "request body is "
            + size
            + " bytes; the limit is "
            + max
            + " bytes (waymark.collector.max-body-bytes); split the batch");
  }

  int status() {
    return status;
  }

  String field() {
    return field;
  }
}
