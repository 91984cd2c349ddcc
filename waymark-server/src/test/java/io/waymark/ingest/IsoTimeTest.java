package io.waymark.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsoTimeTest {

  @Test
  void agreesWithJavaTimeOnEveryShapeItReadsByHand() {
    for (String s :
        List.of(
            "2026-11-22T10:15:30Z",
            "2026-11-22T10:15:30.1Z",
            "2026-11-22T10:15:30.12Z",
            "2026-11-22T10:15:30.123Z",
            "2026-11-22T10:15:30.123456789Z",
            "2026-11-22T10:15:30+01:00",
            "2026-11-22T10:15:30.5-05:30",
            "2024-02-29T23:59:59.999Z",
            "1970-01-01T00:00:00Z",
            "2000-03-01T00:00:00+14:00",
            "2100-12-31T12:00:00Z",
            "1999-12-31T23:59:59-12:00")) {
      assertThat(IsoTime.parseMillis(s))
          .as(s)
          .isEqualTo(OffsetDateTime.parse(s).toInstant().toEpochMilli());
    }
  }

  @Test
  void fallsBackToJavaTimeForOtherIsoShapes() {
    assertThat(IsoTime.parseMillis("2026-11-22T10:15Z"))
        .isEqualTo(OffsetDateTime.parse("2026-11-22T10:15Z").toInstant().toEpochMilli());
  }

  @Test
  void rejectsWhatIsNotAnInstant() {
    for (String s :
        List.of(
            "2026-02-30T10:15:30Z",
            "2026-11-22T25:00:00Z",
            "2026-11-22 10:15:30Z",
            "yesterday",
            "2026-11-22T10:15:30")) {
      assertThatThrownBy(() -> IsoTime.parseMillis(s))
          .as(s)
          .isInstanceOf(DateTimeParseException.class);
    }
  }
}
