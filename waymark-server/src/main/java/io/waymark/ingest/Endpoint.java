package io.waymark.ingest;

/** The collector's endpoints. */
public enum Endpoint {
  EVENTS("/api/v1/events"),
  BATCH("/api/v1/events/batch"),
  PAGE("/v1/page");

  private final String path;

  Endpoint(String path) {
    this.path = path;
  }

  public String path() {
    return path;
  }
}
