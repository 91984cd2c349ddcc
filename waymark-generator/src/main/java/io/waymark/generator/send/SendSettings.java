package io.waymark.generator.send;

import io.waymark.generator.cli.Options;
import io.waymark.generator.cli.UsageException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/** The options of the send command, checked. */
record SendSettings(
    URI url, String key, double rate, long events, int users, int batch, double bots) {

  static final Set<String> OPTIONS =
      Set.of("url", "key", "rate", "events", "users", "batch", "seed", "bots");
  static final double DEFAULT_RATE = 50;
  static final int MAX_BATCH = 500;

  static SendSettings from(Options o) throws UsageException {
    return new SendSettings(
        url(o.required("url")),
        o.required("key"),
        o.doubleValue("rate", DEFAULT_RATE, 0.01, 1_000_000),
        o.longValue("events", Long.MAX_VALUE, 1, Long.MAX_VALUE),
        (int) o.longValue("users", 1000, 1, 10_000_000),
        (int) o.longValue("batch", 1, 1, MAX_BATCH),
        o.doubleValue("bots", 0.002, 0, 1));
  }

  private static URI url(String value) throws UsageException {
    try {
      URI uri = new URI(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new UsageException(
        "option --url must be an http(s) base URL like http://127.0.0.1:8080, got '" + value + "'");
  }
}
