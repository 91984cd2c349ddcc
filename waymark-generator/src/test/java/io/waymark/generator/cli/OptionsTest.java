package io.waymark.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionsTest {

  private static final Set<String> KNOWN = Set.of("rate", "url", "from");

  @Test
  void readsSpaceAndEqualsSeparatedValues() throws Exception {
    Options o = Options.parse("send", List.of("--rate", "20", "--url=http://x"), KNOWN);

    assertThat(o.doubleValue("rate", 50, 0, 100)).isEqualTo(20);
    assertThat(o.required("url")).isEqualTo("http://x");
    assertThat(o.help()).isFalse();
  }

  @Test
  void namesAnUnknownOption() {
    assertThatThrownBy(() -> Options.parse("send", List.of("--rat", "20"), KNOWN))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("unknown option --rat for send")
        .hasMessageContaining("--rate");
  }

  @Test
  void namesAnOptionWithoutValue() {
    assertThatThrownBy(() -> Options.parse("send", List.of("--rate"), KNOWN))
        .hasMessage("option --rate needs a value");
  }

  @Test
  void namesAnOptionWithABadNumber() throws Exception {
    Options o = Options.parse("send", List.of("--rate", "fast"), KNOWN);

    assertThatThrownBy(() -> o.doubleValue("rate", 50, 0.01, 1000))
        .hasMessageContaining("--rate")
        .hasMessageContaining("'fast'");
  }

  @Test
  void namesAMissingRequiredOption() throws Exception {
    Options o = Options.parse("send", List.of(), KNOWN);

    assertThatThrownBy(() -> o.required("url")).hasMessage("send needs --url");
  }

  @Test
  void readsDatesAsMidnightUtcAndTimesWithOffsets() throws Exception {
    Options date = Options.parse("files", List.of("--from", "2026-10-01"), KNOWN);
    Options time = Options.parse("files", List.of("--from", "2026-10-01T08:00:00+02:00"), KNOWN);

    assertThat(date.instant("from", null)).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
    assertThat(time.instant("from", null)).isEqualTo(Instant.parse("2026-10-01T06:00:00Z"));
  }
}
