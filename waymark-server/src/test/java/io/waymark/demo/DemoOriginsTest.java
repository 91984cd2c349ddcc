package io.waymark.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.platform.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which Host headers may add an origin to the demo key, and how many. */
class DemoOriginsTest {

  private final DemoOrigins origins = new DemoOrigins(List.of("https://Shop.Example/"));

  @Test
  void acceptsLoopbackHostsAndTheConfiguredOrigins() {
    assertThat(origins.of("http", "localhost:8080")).isEqualTo("http://localhost:8080");
    assertThat(origins.of("http", "127.0.0.1:9")).isEqualTo("http://127.0.0.1:9");
    assertThat(origins.of("http", "127.8.0.1")).isEqualTo("http://127.8.0.1");
    assertThat(origins.of("http", "[::1]:8080")).isEqualTo("http://[::1]:8080");
    assertThat(origins.of("https", "shop.example")).isEqualTo("https://shop.example");
    assertThat(origins.configured()).containsExactly("https://shop.example");
  }

  @Test
  void refusesOtherHostsAndHostsThatAreNoOrigin() {
    for (String host : List.of("evil.example", "10.0.0.1:8080", "localhost.evil.example")) {
      assertThatThrownBy(() -> origins.of("http", host))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403))
          .hasMessageContaining("waymark.demo.origins");
    }
    for (String host : List.of("a b", "x:1/path", "")) {
      assertThatThrownBy(() -> origins.of("http", host))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
  }

  @Test
  void keepsAtMostEightLoopbackOriginsButAlwaysTheConfiguredOnes() {
    List<String> list = new ArrayList<>(origins.configured());
    for (int i = 1; i <= DemoOrigins.MAX_LOOPBACK; i++) {
      list = origins.add(list, origins.of("http", "127.0.0.1:" + i));
    }
    assertThat(list).hasSize(DemoOrigins.MAX_LOOPBACK + 1);
    assertThat(origins.add(list, "http://127.0.0.1:1")).isSameAs(list);
    List<String> full = list;
    assertThatThrownBy(() -> origins.add(full, origins.of("http", "localhost:1")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
    assertThat(origins.add(List.of(), "https://shop.example"))
        .containsExactly("https://shop.example");
  }
}
