package io.waymark.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges Waymark does not send requests to unless allowed: they reach the machine
 * itself, its cloud's metadata service or the private network behind it, never a partner on the
 * internet. IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by
 * that address.
 */
final class AddressRules {

  private record Range(Network network, String what) {}

  private static final List<Range> BLOCKED =
      List.of(
          range("0.0.0.0/8", "an unspecified address (0.0.0.0/8)"),
          range("127.0.0.0/8", "a loopback address (127.0.0.0/8)"),
          range("10.0.0.0/8", "a private address (10.0.0.0/8)"),
          range("172.16.0.0/12", "a private address (172.16.0.0/12)"),
          range("192.168.0.0/16", "a private address (192.168.0.0/16)"),
          range(
              "169.254.0.0/16",
              "a link-local address (169.254.0.0/16, where cloud metadata services answer)"),
          range("100.64.0.0/10", "a shared (carrier-grade NAT) address (100.64.0.0/10)"),
          range("224.0.0.0/4", "a multicast address (224.0.0.0/4)"),
          range("240.0.0.0/4", "a reserved or broadcast address (240.0.0.0/4)"),
          range("::/128", "an unspecified address (::)"),
          range("::1/128", "a loopback address (::1)"),
          range("fe80::/10", "a link-local address (fe80::/10)"),
          range("fec0::/10", "a site-local address (fec0::/10)"),
          range("fc00::/7", "a private (unique local) address (fc00::/7)"),
          range("ff00::/8", "a multicast address (ff00::/8)"));

  private AddressRules() {}

  private static Range range(String cidr, String what) {
    return new Range(Network.parse(cidr), what);
  }

  /** Why requests to {@code a} are refused by default; empty for a public address. */
  static Optional<String> blocked(InetAddress a) {
    InetAddress judged = embeddedIpv4(a).orElse(a);
    for (Range r : BLOCKED) {
      if (r.network().contains(judged)) {
        return Optional.of(r.what());
      }
    }
    return Optional.empty();
  }

  /** The IPv4 address inside an IPv6 one that carries it, if any. */
  private static Optional<InetAddress> embeddedIpv4(InetAddress a) {
    if (!(a instanceof Inet6Address)) {
      return Optional.empty();
    }
    byte[] b = a.getAddress();
    int from = -1;
    if (allZero(b, 0, 10) && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
      from = 12; // ::ffff:a.b.c.d, mapped
    } else if (allZero(b, 0, 12) && !allZero(b, 12, 16) && !(allZero(b, 12, 15) && b[15] == 1)) {
      from = 12; // ::a.b.c.d, compatible (deprecated)
    } else if (b[0] == 0
        && b[1] == 0x64
        && b[2] == (byte) 0xff
        && b[3] == (byte) 0x9b
        && allZero(b, 4, 12)) {
      from = 12; // 64:ff9b::a.b.c.d, NAT64
    } else if (b[0] == 0x20 && b[1] == 0x02) {
      from = 2; // 2002:aabb:ccdd::, 6to4
    }
    if (from < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          Inet4Address.getByAddress(new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]}));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
