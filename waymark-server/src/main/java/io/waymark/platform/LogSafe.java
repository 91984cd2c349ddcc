package io.waymark.platform;

import java.util.regex.Pattern;

/**
 * What a log line may say about a request without naming a person (docs/privacy.md, "Logs"): the id
 * in a person's path is masked, and a client address is cut to its network (IPv4 /24, IPv6 /48),
 * which still tells on-call where traffic comes from.
 */
public final class LogSafe {

  /** Path segments that name a person: the one after these is masked. */
  private static final Pattern PERSON =
      Pattern.compile("(/(?:users|user|customers|erasures)/)[^/?#]+");

  private LogSafe() {}

  /** {@code /api/v1/users/ann/journey} becomes {@code /api/v1/users/*}{@code /journey}. */
  public static String path(String path) {
    return path == null ? null : PERSON.matcher(path).replaceAll("$1*");
  }

  /** {@code 203.0.113.7} becomes {@code 203.0.113.0/24}; {@code 2001:db8:1:2::7} its /48. */
  public static String address(String address) {
    if (address == null || address.isEmpty()) {
      return address;
    }
    if (address.indexOf(':') < 0) {
      int dot = address.lastIndexOf('.');
      return dot < 0 ? "?" : address.substring(0, dot) + ".0/24";
    }
    String a = address.startsWith("[") ? address.substring(1, address.indexOf(']')) : address;
    String[] groups = a.split(":", -1);
    java.util.List<String> network = new java.util.ArrayList<>(3);
    for (int i = 0; i < 3 && i < groups.length && !groups[i].isEmpty(); i++) {
      network.add(groups[i]);
    }
    return String.join(":", network) + "::/48";
  }
}
