package io.waymark.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which user a refused payload that could not be decoded is sealed for. */
class QuarantineAttributionTest {

  @Test
  void findsTheUserIdInABrokenPayload() {
    assertThat(Quarantine.mentionedUser("{\"type\":\"page_view\",\"user_id\" : \"ann\",\"x\""))
        .isEqualTo("ann");
    assertThat(Quarantine.mentionedUser("{\"userId\":\"bob\"")).isEqualTo("bob");
  }

  @Test
  void fallsBackToTheAnonymousIdAndThenToNobody() {
    assertThat(Quarantine.mentionedUser("[{\"anonymous_id\":\"a-1\",\"type\":")).isEqualTo("a-1");
    assertThat(Quarantine.mentionedUser("not json at all")).isNull();
    assertThat(Quarantine.mentionedUser("{\"user_id\":42}")).isNull();
  }

  @Test
  void prefersTheUserIdWhenBothAreThere() {
    assertThat(Quarantine.mentionedUser("{\"anonymous_id\":\"a-1\",\"user_id\":\"ann\""))
        .isEqualTo("ann");
  }
}
