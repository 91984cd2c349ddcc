package io.waymark.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which addresses requests may go to. Host names resolve through a table of the test's own, so no
 * test asks DNS.
 */
class OutboundGuardTest {

  private static final Map<String, List<String>> DNS =
      Map.of(
          "partner.example", List.of("93.184.215.14"),
          "rebinding.example", List.of("10.1.2.3"),
          "metadata.example", List.of("169.254.169.254"),
          "mixed.example", List.of("127.0.0.1", "93.184.215.14"),
          "internal.example", List.of("10.20.30.40"));

  private static OutboundGuard guard(String... allowed) {
    return new OutboundGuard(
        new OutboundSettings(List.of(allowed), 5),
        host -> {
          List<String> a = DNS.get(host);
          if (a == null) {
            if (Network.isLiteral(host)) {
              return new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
          }
          InetAddress[] out = new InetAddress[a.size()];
          for (int i = 0; i < out.length; i++) {
            out[i] = InetAddress.getByName(a.get(i));
          }
          return out;
        });
  }

  @Test
  void refusesEveryRangeThatReachesTheMachineItsCloudOrItsNetwork() throws Exception {
    OutboundGuard g = guard();
    Map<String, String> refused =
        Map.ofEntries(
            Map.entry("127.0.0.1", "a loopback address (127.0.0.0/8)"),
            Map.entry("127.200.0.9", "a loopback address (127.0.0.0/8)"),
            Map.entry("169.254.169.254", "a link-local address (169.254.0.0/16, where cloud"),
            Map.entry("10.0.0.1", "a private address (10.0.0.0/8)"),
            Map.entry("172.16.5.4", "a private address (172.16.0.0/12)"),
            Map.entry("172.31.255.255", "a private address (172.16.0.0/12)"),
            Map.entry("192.168.1.1", "a private address (192.168.0.0/16)"),
            Map.entry("100.64.0.1", "a shared (carrier-grade NAT) address (100.64.0.0/10)"),
            Map.entry("0.0.0.0", "an unspecified address (0.0.0.0/8)"),
            Map.entry("224.0.0.251", "a multicast address (224.0.0.0/4)"),
            Map.entry("255.255.255.255", "a reserved or broadcast address (240.0.0.0/4)"),
            Map.entry("::1", "a loopback address (::1)"),
            Map.entry("::", "an unspecified address (::)"),
            Map.entry("fe80::1", "a link-local address (fe80::/10)"),
            Map.entry("fd12:3456::1", "a private (unique local) address (fc00::/7)"),
            Map.entry("ff02::1", "a multicast address (ff02::/8)".replace("ff02", "ff00")),
            Map.entry("::ffff:169.254.169.254", "a link-local address (169.254.0.0/16"),
            Map.entry("64:ff9b::a00:1", "a private address (10.0.0.0/8)"),
            Map.entry("2002:c0a8:101::1", "a private address (192.168.0.0/16)"));
    refused.forEach(
        (address, why) ->
            assertThatThrownBy(() -> g.permitted(address))
                .as(address)
                .isInstanceOf(OutboundGuard.Refused.class)
                .hasMessageContaining(why)
                .hasMessageEndingWith(
                    "; Waymark sends no requests there unless waymark.outbound.allowed-networks"
                        + " allows it"));
    for (String ok : List.of("93.184.215.14", "172.32.0.1", "100.128.0.1", "2606:2800:220:1::1")) {
      assertThat(g.permitted(ok)).as(ok).hasSize(1);
    }
  }

  @Test
  void checksTheAddressesANameResolvesTo() throws Exception {
    OutboundGuard g = guard();
    assertThatThrownBy(() -> g.permitted("rebinding.example"))
        .hasMessage(
            "rebinding.example resolves to 10.1.2.3, which is a private address (10.0.0.0/8);"
                + " Waymark sends no requests there unless waymark.outbound.allowed-networks"
                + " allows it");
    assertThat(Arrays.stream(g.permitted("mixed.example")).map(InetAddress::getHostAddress))
        .as("only the permitted addresses are connected to")
        .containsExactly("93.184.215.14");
    assertThat(g.refusal(URI.create("http://metadata.example/latest/meta-data/")).orElseThrow())
        .startsWith("is refused: metadata.example resolves to 169.254.169.254");
    assertThat(g.refusal(URI.create("https://partner.example/hook"))).isEmpty();
    assertThat(g.refusal(URI.create("https://unknown.example/hook")))
        .as("an unknown host is the run's to report")
        .isEmpty();
    assertThat(g.refusal(URI.create("http://[::1]:8080/x"))).isPresent();
  }

  @Test
  void theAllowListLetsNetworksAddressesAndHostsThrough() throws Exception {
    OutboundGuard g = guard("127.0.0.1/32", "10.20.0.0/16", "internal.example", "fd00::1");
    assertThat(g.permitted("127.0.0.1")).hasSize(1);
    assertThatThrownBy(() -> g.permitted("127.0.0.2")).isInstanceOf(OutboundGuard.Refused.class);
    assertThat(g.permitted("10.20.99.1")).hasSize(1);
    assertThatThrownBy(() -> g.permitted("10.21.0.1")).isInstanceOf(OutboundGuard.Refused.class);
    assertThat(g.permitted("internal.example")).hasSize(1);
    assertThat(g.permitted("fd00::1")).hasSize(1);
    assertThatThrownBy(() -> g.permitted("169.254.169.254"))
        .isInstanceOf(OutboundGuard.Refused.class);
  }

  @Test
  void aBrokenAllowListStopsTheStartWithThePropertyToFix() {
    assertThatThrownBy(() -> guard("10.0.0.0/33"))
        .hasMessage(
            "waymark.outbound.allowed-networks: \"10.0.0.0/33\" is neither a network"
                + " (10.0.0.0/8, ::1/128), an address nor a host name");
    assertThatThrownBy(() -> guard("http://x/"))
        .hasMessageContaining("waymark.outbound.allowed-networks");
  }

  @Test
  void redactsCredentialsAndSecretParametersInUrls() {
    assertThat(Redaction.url("https://bob:hunter2@pim.example/export.json?token=abc&day=1"))
        .isEqualTo("https://***@pim.example/export.json?token=***&day=1");
    assertThat(
            Redaction.url(
                "https://x.example/f?api_key=1&X-Amz-Signature=2&access_token=3&sig=4&page=2#t"))
        .isEqualTo(
            "https://x.example/f?api_key=***&X-Amz-Signature=***&access_token=***&sig=***"
                + "&page=2#***");
    assertThat(Redaction.url("https://x.example/plain.json"))
        .isEqualTo("https://x.example/plain.json");
    assertThat(Redaction.hidesSomething("https://x.example/f?password=p")).isTrue();
    assertThat(Redaction.hidesSomething("https://x.example/f?page=1")).isFalse();
  }
}
