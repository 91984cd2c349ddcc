package io.waymark.ingest;

/**
 * What the collector answers: status, Retry-After seconds (0: none), a JSON body, and the browser
 * origin allowed to read it (null: no CORS headers).
 */
public record IngestResponse(int status, long retryAfterSeconds, byte[] body, String allowOrigin) {

  public IngestResponse(int status, long retryAfterSeconds, byte[] body) {
    this(status, retryAfterSeconds, body, null);
  }

  IngestResponse withAllowOrigin(String origin) {
    return new IngestResponse(status, retryAfterSeconds, body, origin);
  }
}
