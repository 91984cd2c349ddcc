package io.waymark.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which addresses Waymark may send requests to (see {@link OutboundSettings}). Every
 * outbound connection resolves its host through {@link #permitted}, so the address checked is the
 * address connected to (no DNS rebinding between the check and the connection).
 */
public final class OutboundGuard {

  /** The destination is not allowed; the message says why and which setting would allow it. */
  public static final class Refused extends UnknownHostException {
    public Refused(String message) {
      super(message);
    }
  }

  static final String SETTING = "waymark.outbound.allowed-networks";

  private final List<Network> allowedNetworks = new ArrayList<>();
  private final Set<String> allowedHosts = new TreeSet<>();
  private final Resolver resolver;

  /** How host names become addresses (the system's resolver; a test may give its own). */
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  public OutboundGuard(OutboundSettings settings) {
    this(settings, InetAddress::getAllByName);
  }

  OutboundGuard(OutboundSettings settings, Resolver resolver) {
    this.resolver = resolver;
    for (String entry : settings.allowedNetworks()) {
      String e = entry.strip().toLowerCase(Locale.ROOT);
      if (e.isEmpty()) {
        continue;
      }
      Network n = Network.parse(e);
      if (n != null) {
        allowedNetworks.add(n);
      } else if (e.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?") && !e.contains("/")) {
        allowedHosts.add(e);
      } else {
        throw new IllegalArgumentException(
            SETTING
                + ": \""
                + entry
                + "\" is neither a network (10.0.0.0/8, ::1/128), an address nor a host name");
      }
    }
  }

  /**
   * The addresses of {@code host} that requests may go to; refused when there are none. An allowed
   * host name may go wherever it resolves to.
   */
  public InetAddress[] permitted(String host) throws UnknownHostException {
    String h = bare(host);
    InetAddress[] all = resolver.resolve(h);
    if (allowedHosts.contains(h.toLowerCase(Locale.ROOT))) {
      return all;
    }
    List<InetAddress> ok = new ArrayList<>();
    String firstRefusal = null;
    for (InetAddress a : all) {
      Optional<String> why = refusal(a);
      if (why.isEmpty()) {
        ok.add(a);
      } else if (firstRefusal == null) {
        firstRefusal = why.get();
      }
    }
    if (ok.isEmpty()) {
      String address = all.length == 0 ? h : all[0].getHostAddress();
      String subject =
          Network.isLiteral(h.toLowerCase(Locale.ROOT))
              ? h
              : h + " resolves to " + address + ", which";
      throw new Refused(
          subject
              + " is "
              + firstRefusal
              + "; Waymark sends no requests there unless "
              + SETTING
              + " allows it");
    }
    return ok.toArray(InetAddress[]::new);
  }

  /**
   * Why a request to {@code url} would be refused, for the checks of a form; empty when it may go
   * (or when its host is not known now: the run says so then). The host is resolved here too, so a
   * name that points at a private address is refused as early as a literal one.
   */
  public Optional<String> refusal(URI url) {
    if (url.getHost() == null) {
      return Optional.empty();
    }
    try {
      permitted(url.getHost());
      return Optional.empty();
    } catch (Refused r) {
      return Optional.of("is refused: " + r.getMessage());
    } catch (UnknownHostException unknown) {
      return Optional.empty();
    }
  }

  private Optional<String> refusal(InetAddress a) {
    for (Network n : allowedNetworks) {
      if (n.contains(a)) {
        return Optional.empty();
      }
    }
    return AddressRules.blocked(a);
  }

  private static String bare(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
