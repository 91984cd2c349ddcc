package io.waymark.ingest;

/**
 * One collector request as any HTTP server hands it over. {@code declaredLength} is the body's size
 * in bytes, which may exceed {@code body.length} when the server stopped reading at the limit.
 */
public record IngestRequest(
    Endpoint endpoint,
    String authorization,
    byte[] body,
    long declaredLength,
    String remoteAddress) {}
