package io.waymark.ingest;

/** What the collector answers: status, Retry-After seconds (0: none) and a JSON body. */
public record IngestResponse(int status, long retryAfterSeconds, byte[] body) {}
