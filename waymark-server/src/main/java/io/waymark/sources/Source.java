package io.waymark.sources;

import io.waymark.outbound.Redaction;

/**
 * A connected source as stored: what it imports ({@code kind}, an import kind), from where (an
 * HTTP(S) {@code url} with an optional {@code authHeader} value, or a server {@code path}), when,
 * and whether a run holds it now ({@code runningRunId}).
 */
record Source(
    String id,
    long seq,
    String name,
    String kind,
    String url,
    String authHeader,
    String path,
    Schedule schedule,
    boolean enabled,
    Long nextRunAt,
    String runningRunId,
    String createdBy,
    long createdAt,
    long updatedAt) {

  /**
   * Where the data is, in words, for messages and logs: the path, or the URL without its query and
   * with any credentials in it masked.
   */
  String location() {
    if (url == null) {
      return path;
    }
    int q = url.indexOf('?');
    return Redaction.url(q < 0 ? url : url.substring(0, q) + "?...");
  }

  /** The URL as someone who is not an admin may see it: credentials and secret values masked. */
  String redactedUrl() {
    return Redaction.url(url);
  }
}
