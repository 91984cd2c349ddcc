package io.waymark.store.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.store.StoreException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The start-up check against a real server: each failure says what, where, and what to do. */
class ClickHouseStartupCheckTest {

  private final ClickHouseServer server = ClickHouseServer.shared();

  @Test
  void acceptsTheTestedServerAndReportsItsVersion() {
    try (ClickHouseStore store = new ClickHouseStore(server.newDatabase())) {
      assertThat(store.version().tested()).isTrue();
      assertThat(store.version().text()).startsWith("18.16");
    }
  }

  @Test
  void namesTheAddressAndTheSettingWhenNothingListensOnThePort() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    ClickHouseSettings wrongPort =
        ClickHouseSettings.of(
            URI.create("http://127.0.0.1:" + closed),
            ClickHouseServer.USER,
            ClickHouseServer.PASSWORD,
            "waymark");
    assertThatThrownBy(() -> new ClickHouseStore(wrongPort))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot reach ClickHouse at http://127.0.0.1:" + closed)
        .hasMessageContaining("connection refused")
        .hasMessageContaining("waymark.clickhouse.url");
  }

  @Test
  void namesTheUserAndTheSettingsWhenThePasswordIsWrong() {
    ClickHouseSettings wrongPassword =
        ClickHouseSettings.of(server.url(), ClickHouseServer.USER, "not-the-password", "waymark");
    assertThatThrownBy(() -> new ClickHouseStore(wrongPassword))
        .isInstanceOfSatisfying(
            ClickHouseException.class, e -> assertThat(e.authentication()).isTrue())
        .hasMessageContaining("refused user 'waymark'")
        .hasMessageContaining("Wrong password")
        .hasMessageContaining("waymark.clickhouse.password");
  }

  @Test
  void refusesAnUnknownUser() {
    ClickHouseSettings unknown = ClickHouseSettings.of(server.url(), "nobody", "x", "waymark");
    assertThatThrownBy(() -> new ClickHouseStore(unknown))
        .isInstanceOf(ClickHouseException.class)
        .hasMessageContaining("refused user 'nobody'");
  }

  @Test
  void saysSoWhenTheAddressIsTheNativePortNotHttp() {
    ClickHouseSettings nativePort =
        ClickHouseSettings.of(
            URI.create("http://127.0.0.1:" + server.nativePort()),
            ClickHouseServer.USER,
            ClickHouseServer.PASSWORD,
            "waymark");
    assertThatThrownBy(() -> new ClickHouseStore(nativePort))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("127.0.0.1:" + server.nativePort())
        .hasMessageContaining("is for clickhouse-client") // ClickHouse's own answer, passed on
        .hasMessageContaining("waymark.clickhouse.url is ClickHouse's HTTP port");
  }
}
