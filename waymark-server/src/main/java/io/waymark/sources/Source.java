package io.waymark.sources;

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

  /** Where the data is, in words (the URL without its query, or the path), for messages. */
  String location() {
    if (url == null) {
      return path;
    }
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?...";
  }
}
