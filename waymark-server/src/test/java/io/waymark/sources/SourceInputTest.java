package io.waymark.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.platform.ApiException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceInputTest {

  private static final List<Path> ROOTS = List.of(Path.of("/srv/waymark/inbox"));

  private static SourceInput url(String url, String auth, Integer every, String daily) {
    return new SourceInput("Feed", "catalogue", url, auth, null, every, daily, null);
  }

  private static List<String> fields(SourceInput in, String storedAuth) {
    try {
      in.check(ROOTS, storedAuth);
      return List.of();
    } catch (ApiException e) {
      return e.problems().stream().map(ApiException.Problem::field).toList();
    }
  }

  @Test
  void acceptsAUrlWithAnIntervalAndEnablesByDefault() {
    SourceInput.Valid v =
        url("https://shop.example/c.json", "Bearer t", 30, null).check(ROOTS, null);
    assertThat(v.enabled()).isTrue();
    assertThat(v.authHeader()).isEqualTo("Bearer t");
    assertThat(v.schedule()).isEqualTo(Schedule.every(30));
  }

  @Test
  void keepsTheStoredHeaderWhenLeftOutAndRemovesItWhenEmpty() {
    assertThat(url("http://h/c", null, 5, null).check(ROOTS, "Bearer old").authHeader())
        .isEqualTo("Bearer old");
    assertThat(url("http://h/c", "", 5, null).check(ROOTS, "Bearer old").authHeader()).isNull();
  }

  @Test
  void namesEveryFieldAtFault() {
    SourceInput bad =
        new SourceInput(" ", "articles", "file:///etc/passwd", null, null, 0, null, null);
    assertThat(fields(bad, null)).containsExactly("name", "kind", "url", "interval_minutes");
    assertThat(fields(url("http://h/c", null, 5, "10:00"), null)).containsExactly("daily_at");
    assertThat(fields(url("http://h/c", null, null, "7:00"), null)).containsExactly("daily_at");
    assertThat(fields(url("http://h/c", "line\nbreak", 5, null), null))
        .containsExactly("auth_header");
  }

  @Test
  void allowsServerPathsOnlyInsideTheAllowedDirectories() {
    SourceInput inside =
        new SourceInput(
            "In", "tickets", null, null, "/srv/waymark/inbox/t/../tickets", 5, null, null);
    assertThat(inside.check(ROOTS, null).path()).isEqualTo("/srv/waymark/inbox/tickets");
    SourceInput escaping =
        new SourceInput(
            "Out", "tickets", null, null, "/srv/waymark/inbox/../../etc", 5, null, null);
    assertThat(fields(escaping, null)).containsExactly("path");
    assertThatThrownBy(() -> inside.check(List.of(), null))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("waymark.sources.file-roots");
  }
}
