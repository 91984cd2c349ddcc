package io.waymark.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** A block of addresses, {@code 10.0.0.0/8} or {@code fe80::/10}; a bare address is one host. */
record Network(byte[] prefix, int bits, String text) {

  /** Parses {@code a.b.c.d/n}, {@code v6/n} or a bare address literal; null when it is neither. */
  static Network parse(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    int slash = t.indexOf('/');
    String address = slash < 0 ? t : t.substring(0, slash);
    if (!isLiteral(address)) {
      return null;
    }
    try {
      byte[] bytes = InetAddress.getByName(address).getAddress();
      int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1));
      if (bits < 0 || bits > bytes.length * 8) {
        return null;
      }
      return new Network(bytes, bits, t);
    } catch (UnknownHostException | NumberFormatException e) {
      return null;
    }
  }

  /** An IPv4 dotted quad or an IPv6 literal: parsing one never asks DNS. */
  static boolean isLiteral(String host) {
    return host.matches("\\d{1,3}(\\.\\d{1,3}){3}")
        || (host.contains(":") && host.matches("[0-9a-f:.]+"));
  }

  boolean contains(InetAddress a) {
    byte[] b = a.getAddress();
    if (b.length != prefix.length) {
      return false;
    }
    int full = bits / 8;
    for (int i = 0; i < full; i++) {
      if (b[i] != prefix[i]) {
        return false;
      }
    }
    int rest = bits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (b[full] & mask) == (prefix[full] & mask);
  }
}
