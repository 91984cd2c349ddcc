package io.waymark.ingest;

/** Which incoming contract an endpoint speaks. */
enum Dialect {
  /** The Waymark event model, which also accepts the flat contract's {@code event_type}. */
  STANDARD,
  /**
   * {@code POST /v1/page}: {@code {user_id, name, timestamp}} is a page view named {@code name}.
   */
  PAGE
}
