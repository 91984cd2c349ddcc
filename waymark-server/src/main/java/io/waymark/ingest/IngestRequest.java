package io.waymark.ingest;

/**
 * One collector request as any HTTP server hands it over. {@code declaredLength} is the body's size
 * in bytes, which may exceed {@code body.length} when the server stopped reading at the limit.
 * {@code queryKey} is the {@code ?key=} parameter (browsers cannot set headers on a beacon); {@code
 * origin} and {@code host} are the request's headers, for the CORS check.
 */
public record IngestRequest(
    Endpoint endpoint,
    String authorization,
    String queryKey,
    String origin,
    String host,
    byte[] body,
    long declaredLength,
    String remoteAddress) {}
