package io.waymark.outbound;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Waymark may send requests. By default never to loopback, link-local (cloud metadata),
 * private, shared (CGNAT), unspecified, multicast, broadcast or reserved addresses; {@code
 * allowedNetworks} lets some of them through: CIDR blocks ({@code 10.20.0.0/16}, {@code
 * 127.0.0.1/32}, {@code fd00::/8}), single addresses, or host names (a host name is trusted to
 * resolve to wherever it points). {@code maxRedirects}: redirects a source's download may follow.
 */
@ConfigurationProperties("waymark.outbound")
public record OutboundSettings(
    @DefaultValue({}) List<String> allowedNetworks, @DefaultValue("5") int maxRedirects) {

  public OutboundSettings {
    allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
  }
}
