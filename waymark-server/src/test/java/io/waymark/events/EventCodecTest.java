package io.waymark.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCodecTest {

  @Test
  void roundTripsEveryField() {
    Event e =
        new Event(
            UUID.randomUUID(),
            "purchase",
            "u1",
            "a1",
            "s1",
            1_700_000_000_000L,
            1_699_999_999_000L,
            1_700_000_000_500L,
            1_700_000_001_000L,
            "/checkout",
            "Checkout",
            "https://ref",
            "p1",
            "o1",
            19.99,
            "EUR",
            "q",
            "{\"k\":[1,{\"x\":null}]}",
            new Event.Context("203.0.113.1", "UA \"quoted\"", "en-GB", "GB"),
            "http:/api/v1/events",
            1);
    assertThat(EventCodec.decode(EventCodec.encode(e))).isEqualTo(e);
  }

  @Test
  void decodesOnlyWhatProcessingNeedsWhenAskedTo() {
    Event e =
        new Event(
            UUID.randomUUID(),
            "purchase",
            "u1",
            "a1",
            "s1",
            1L,
            null,
            null,
            2L,
            "/p",
            "P",
            "r",
            "p1",
            "o1",
            5.0,
            "EUR",
            "q",
            "{}",
            new Event.Context("ip", "ua", "en", "GB"),
            "src",
            1);
    Event lean = EventCodec.decodeForProcessing(EventCodec.encode(e));
    assertThat(lean.userKey()).isEqualTo("u1");
    assertThat(lean.pageUrl()).isEqualTo("/p");
    assertThat(lean.amount()).isEqualTo(5.0);
    assertThat(lean.properties()).isNull();
    assertThat(lean.referrer()).isNull();
  }

  @Test
  void roundTripsAMinimalEvent() {
    Event e =
        new Event(
            UUID.randomUUID(),
            "click",
            null,
            "a1",
            null,
            1L,
            null,
            null,
            2L,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Event.Context.EMPTY,
            "test",
            1);
    assertThat(EventCodec.decode(EventCodec.encode(e))).isEqualTo(e);
  }
}
