package io.waymark.bench;

/** Hands out the requests of one load run; called concurrently from the load event loops. */
@FunctionalInterface
interface RequestSource {

  Request next();

  /** A request path with query, and its JSON body or {@code null} for a GET. */
  record Request(String uri, byte[] body) {}
}
