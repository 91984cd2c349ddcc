package io.waymark.ingest;

/** The running collector server, if it is turned on; exposes its port to tests and logs. */
public final class CollectorServerHandle implements AutoCloseable {

  private final CollectorServer server;

  CollectorServerHandle(CollectorServer server) {
    this.server = server;
  }

  /** The bound port, or -1 when the collector's own port is turned off. */
  public int port() {
    return server == null ? -1 : server.port();
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
