package io.waymark.ingest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The collector's CORS answers, the same on both ports. A browser request is allowed when its
 * origin is the collector's own (same host and port) or is in the key's allowed origins; a
 * preflight names its key with {@code ?key=}, or else is answered for the origins any key allows
 * (the real request is then checked against its own key).
 */
final class Cors {

  static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";

  /** Headers of every answer to an allowed browser origin. */
  static Map<String, String> responseHeaders(String origin) {
    return Map.of(
        ALLOW_ORIGIN, origin, "Vary", "Origin", "Access-Control-Expose-Headers", "Retry-After");
  }

  /** Headers of an accepted preflight. */
  static Map<String, String> preflightHeaders(String origin) {
    return Map.of(
        ALLOW_ORIGIN,
        origin,
        "Vary",
        "Origin",
        "Access-Control-Allow-Methods",
        "POST, OPTIONS",
        "Access-Control-Allow-Headers",
        "Authorization, Content-Type",
        "Access-Control-Max-Age",
        "600");
  }

  private Cors() {}

  /** True when {@code origin} (scheme://host:port) names the host the request was sent to. */
  static boolean sameOrigin(String origin, String host) {
    if (origin == null || host == null) {
      return false;
    }
    int sep = origin.indexOf("://");
    if (sep < 0) {
      return false;
    }
    String scheme = origin.substring(0, sep).toLowerCase(Locale.ROOT);
    String authority = origin.substring(sep + 3).toLowerCase(Locale.ROOT);
    String h = host.toLowerCase(Locale.ROOT);
    String defaultPort = scheme.equals("https") ? ":443" : ":80";
    return authority.equals(h)
        || authority.equals(h + defaultPort)
        || (authority + defaultPort).equals(h);
  }

  /** One parameter of a raw query string, decoded; null when absent. */
  static String queryParam(String rawQuery, String name) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      if (k.equals(name)) {
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        try {
          return URLDecoder.decode(v, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
          return v;
        }
      }
    }
    return null;
  }

  static String refusalReason(String origin) {
    return "origin "
        + origin
        + " may not send events with this key; allow it for the key with PUT"
        + " /api/v1/keys/{id}/origins (or waymark.bootstrap.ingest-key-origins for the bootstrap"
        + " ingest key)";
  }
}
