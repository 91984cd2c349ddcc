package io.waymark.store.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.store.StoreException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ClickHouseVersionTest {

  private static final ClickHouseSettings SETTINGS =
      ClickHouseSettings.of(URI.create("http://ch.internal:8123"), "default", "", "waymark");

  @Test
  void supportsTheTestedVersionAndLaterOnes() {
    assertThat(ClickHouseVersion.parse("18.16.1").supported()).isTrue();
    assertThat(ClickHouseVersion.parse("18.16.1").tested()).isTrue();
    assertThat(ClickHouseVersion.parse("19.1.6").supported()).isTrue();
    assertThat(ClickHouseVersion.parse("24.8.4.13\n").supported()).isTrue();
    assertThat(ClickHouseVersion.parse("24.8.4.13").tested()).isFalse();
  }

  @Test
  void refusesOlderVersionsSayingWhichAreSupported() {
    ClickHouseVersion old = ClickHouseVersion.parse("18.14.18");
    assertThat(old.supported()).isFalse();
    assertThat(ClickHouseVersion.parse("1.1.54380").supported()).isFalse();
    assertThatThrownBy(() -> ClickHouseStartupCheck.requireSupported(old, SETTINGS))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("http://ch.internal:8123 is version 18.14.18")
        .hasMessageContaining("needs 18.16 or later")
        .hasMessageContaining("Upgrade");
  }

  @Test
  void saysWhatItCouldNotReadAsAVersion() {
    assertThatThrownBy(() -> ClickHouseVersion.parse("<html>proxy error</html>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("<html>proxy error</html>");
  }

  @Test
  void settingsRefuseAConflictingTlsSwitchAndNeverPrintThePassword() {
    assertThatThrownBy(
            () ->
                new ClickHouseSettings(
                    URI.create("http://ch:8123"),
                    "u",
                    "p",
                    "waymark",
                    true,
                    java.time.Duration.ofSeconds(1),
                    java.time.Duration.ofSeconds(1),
                    java.time.Duration.ofSeconds(1),
                    java.time.Duration.ofSeconds(1)))
        .hasMessageContaining("use https://");
    assertThatThrownBy(
            () -> ClickHouseSettings.of(URI.create("http://ch:8123"), "u", "p", "way-mark"))
        .hasMessageContaining("waymark.clickhouse.database");
    assertThat(ClickHouseSettings.of(URI.create("https://ch:8443"), "u", "s3cret", "w").toString())
        .doesNotContain("s3cret")
        .contains("tls=true");
  }
}
