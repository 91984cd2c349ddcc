package io.waymark.demo;

import io.waymark.admin.Origins;
import io.waymark.platform.ApiException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which page origins the demo key may allow. The origin comes from the request's Host header, which
 * anyone can set, so only loopback pages (the demo opened on the machine itself) and the configured
 * {@code waymark.demo.origins} are added, and at most {@link #MAX_LOOPBACK} loopback ones.
 */
final class DemoOrigins {

  /** Loopback origins (host and port pairs) the demo key collects at most. */
  static final int MAX_LOOPBACK = 8;

  private final List<String> configured;

  DemoOrigins(List<String> configured) {
    var problems = Origins.check(configured);
    if (!problems.isEmpty()) {
      var p = problems.getFirst();
      throw new IllegalStateException(
          "waymark.demo.origins: " + p.field() + " " + p.reason() + "; fix the setting");
    }
    this.configured = Origins.normalise(configured);
  }

  List<String> configured() {
    return configured;
  }

  /**
   * The origin a page at {@code scheme://host} has, checked: 400 when the Host header is no origin,
   * 403 when it is neither loopback nor configured.
   */
  String of(String scheme, String host) {
    String origin = scheme + "://" + host;
    var problems = Origins.check(List.of(origin));
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("Host", "is not a host[:port] a page can have: " + host);
    }
    String normalised = Origins.normalise(List.of(origin)).getFirst();
    if (configured.contains(normalised) || loopback(URI.create(normalised).getHost())) {
      return normalised;
    }
    throw new ApiException(
        403,
        "Host",
        "the demo key allows pages on this machine (localhost) and the origins in"
            + " waymark.demo.origins only; add "
            + normalised
            + " to waymark.demo.origins to open the demo from there");
  }

  /** Adds {@code origin} to the key's {@code current} list; 409 when the loopback cap is met. */
  List<String> add(List<String> current, String origin) {
    if (current.contains(origin)) {
      return current;
    }
    long loopback = current.stream().filter(o -> !configured.contains(o)).count();
    if (!configured.contains(origin) && loopback >= MAX_LOOPBACK) {
      throw new ApiException(
          409,
          "Host",
          "the demo key already allows "
              + MAX_LOOPBACK
              + " loopback origins, the most it takes; restart Waymark to start a new demo key");
    }
    List<String> out = new java.util.ArrayList<>(current);
    out.add(origin);
    return out;
  }

  private static boolean loopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+|\\[[0-9a-f:.]+\\]")) {
      return false; // a name other than localhost: never resolved here
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
