package io.waymark.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.outbound.OutboundGuard;
import io.waymark.outbound.OutboundSettings;
import io.waymark.platform.ApiException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceInputTest {

  private static final List<Path> ROOTS = List.of(Path.of("/srv/waymark/inbox"));
  // Literal addresses only, so no test asks DNS; 192.0.2.0/24 is for documentation.
  private static final OutboundGuard GUARD = new OutboundGuard(new OutboundSettings(List.of(), 5));

  private static SourceInput url(String url, String auth, Integer every, String daily) {
    return new SourceInput("Feed", "catalogue", url, auth, null, every, daily, null);
  }

  private static List<String> fields(SourceInput in, String storedAuth) {
    try {
      in.check(ROOTS, GUARD, storedAuth);
      return List.of();
    } catch (ApiException e) {
      return e.problems().stream().map(ApiException.Problem::field).toList();
    }
  }

  @Test
  void acceptsAUrlWithAnIntervalAndEnablesByDefault() {
    SourceInput.Valid v =
        url("https://192.0.2.10/c.json", "Bearer t", 30, null).check(ROOTS, GUARD, null);
    assertThat(v.enabled()).isTrue();
    assertThat(v.authHeader()).isEqualTo("Bearer t");
    assertThat(v.schedule()).isEqualTo(Schedule.every(30));
  }

  @Test
  void keepsTheStoredHeaderWhenLeftOutAndRemovesItWhenEmpty() {
    assertThat(
            url("http://192.0.2.10/c", null, 5, null)
                .check(ROOTS, GUARD, "Bearer old")
                .authHeader())
        .isEqualTo("Bearer old");
    assertThat(
            url("http://192.0.2.10/c", "", 5, null).check(ROOTS, GUARD, "Bearer old").authHeader())
        .isNull();
  }

  @Test
  void namesEveryFieldAtFault() {
    SourceInput bad =
        new SourceInput(" ", "articles", "file:///etc/passwd", null, null, 0, null, null);
    assertThat(fields(bad, null)).containsExactly("name", "kind", "url", "interval_minutes");
    assertThat(fields(url("http://192.0.2.10/c", null, 5, "10:00"), null))
        .containsExactly("daily_at");
    assertThat(fields(url("http://192.0.2.10/c", null, null, "7:00"), null))
        .containsExactly("daily_at");
    assertThat(fields(url("http://192.0.2.10/c", "line\nbreak", 5, null), null))
        .containsExactly("auth_header");
  }

  @Test
  void refusesUrlsOfTheMachineItselfItsCloudAndItsPrivateNetwork() {
    for (String url :
        List.of(
            "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/c.json",
            "http://127.0.0.1:8080/api/v1/keys",
            "http://[::1]/c.json",
            "http://[::ffff:192.168.1.1]/c.json")) {
      try {
        url(url, null, 5, null).check(ROOTS, GUARD, null);
        throw new AssertionError(url + " was accepted");
      } catch (ApiException e) {
        assertThat(e.problems())
            .singleElement()
            .satisfies(
                p -> {
                  assertThat(p.field()).isEqualTo("url");
                  assertThat(p.reason())
                      .startsWith("is refused: ")
                      .contains("waymark.outbound.allowed-networks");
                });
      }
    }
    assertThat(fields(url("http://169.254.169.254/latest/meta-data/", null, 5, null), null))
        .containsExactly("url");
  }

  @Test
  void allowsServerPathsOnlyInsideTheAllowedDirectories() {
    SourceInput inside =
        new SourceInput(
            "In", "tickets", null, null, "/srv/waymark/inbox/t/../tickets", 5, null, null);
    assertThat(inside.check(ROOTS, GUARD, null).path()).isEqualTo("/srv/waymark/inbox/tickets");
    SourceInput escaping =
        new SourceInput(
            "Out", "tickets", null, null, "/srv/waymark/inbox/../../etc", 5, null, null);
    assertThat(fields(escaping, null)).containsExactly("path");
    assertThatThrownBy(() -> inside.check(List.of(), GUARD, null))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("waymark.sources.file-roots");
  }
}
