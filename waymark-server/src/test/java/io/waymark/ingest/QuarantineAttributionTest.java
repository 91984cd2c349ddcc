package io.waymark.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which people a refused payload, possibly one that could not be decoded, is sealed for. */
class QuarantineAttributionTest {

  @Test
  void findsTheUserIdsInABrokenPayload() {
    assertThat(
            Quarantine.subjects(null, "{\"type\":\"page_view\",\"user_id\" : \"ann\",\"x\"")
                .names())
        .containsExactly("ann");
    assertThat(Quarantine.subjects(null, "{\"userId\":\"bob\"").names()).containsExactly("bob");
  }

  @Test
  void findsAnonymousIdsAndNobodyWhereNoIdIsAString() {
    assertThat(Quarantine.subjects(null, "[{\"anonymous_id\":\"a-1\",\"type\":").names())
        .containsExactly("a-1");
    assertThat(Quarantine.subjects(null, "not json at all").names()).isEmpty();
    assertThat(Quarantine.subjects(null, "{\"user_id\":42}").names()).isEmpty();
  }

  @Test
  void namesEveryPersonOfABatchOnceInOrderAfterTheDecodedUser() {
    String batch =
        "[{\"user_id\":\"ann\",\"anonymous_id\":\"a-1\"},{\"user_id\":\"bob\"},"
            + "{\"user_id\":\"ann\"},{\"userId\":\"cy\"";
    assertThat(Quarantine.subjects("bob", batch).names())
        .containsExactly("bob", "ann", "a-1", "cy");
    assertThat(Quarantine.subjects("bob", batch).cutAt()).isEqualTo(-1);
  }

  @Test
  void aPayloadNamingTooManyPeopleIsCutBeforeTheFirstOneTooMany() {
    String batch =
        IntStream.range(0, 40)
            .mapToObj(i -> "{\"user_id\":\"u" + i + "\"}")
            .collect(Collectors.joining(",", "[", "]"));
    Quarantine.Subjects s = Quarantine.subjects(null, batch);
    assertThat(s.names()).hasSize(Quarantine.MAX_SUBJECTS).startsWith("u0").endsWith("u15");
    assertThat(batch.substring(0, s.cutAt())).contains("\"u15\"").doesNotContain("\"u16\"");
  }
}
