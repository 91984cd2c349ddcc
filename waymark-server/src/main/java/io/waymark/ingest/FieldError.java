package io.waymark.ingest;

/** One broken rule of one event: which field, and why, in words a client developer can act on. */
public record FieldError(String field, String reason) {}
