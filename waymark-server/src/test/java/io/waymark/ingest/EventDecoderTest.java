package io.waymark.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.events.Event;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventDecoderTest {

  private static final long RECEIVED = Instant.parse("2026-03-02T12:00:00Z").toEpochMilli();
  private final EventDecoder decoder =
      new EventDecoder(new EventRules(Duration.ofMinutes(5), Duration.ofHours(72)), 2048, 3);

  private EventDecoder.Decoded json(String body) {
    return decoder.decodeJson(
        body.getBytes(StandardCharsets.UTF_8), Dialect.STANDARD, RECEIVED, "test");
  }

  @Test
  void normalisesAValidEvent() {
    Event e =
        json("{\"type\":\"purchase\",\"user_id\":\"u1\",\"order_id\":\"o1\",\"amount\":10,\"currency\":\"EUR\","
                + "\"timestamp\":\"2026-03-02T11:00:00+01:00\",\"properties\":{\"items\":[1,2]},"
                + "\"context\":{\"country\":\"DE\",\"locale\":\"de-DE\"}}")
            .accepted()
            .get(0);
    assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z").toEpochMilli());
    assertThat(e.receivedAt()).isEqualTo(RECEIVED);
    assertThat(e.amount()).isEqualTo(10.0);
    assertThat(e.properties()).isEqualTo("{\"items\":[1,2]}");
    assertThat(e.context().country()).isEqualTo("DE");
    assertThat(e.eventId()).isNotNull();
    assertThat(e.eventId().version()).isEqualTo(4);
  }

  @Test
  void defaultsTheTimestampToTheReceiveTime() {
    Event e = json("{\"type\":\"click\",\"anonymous_id\":\"a\"}").accepted().get(0);
    assertThat(e.timestamp()).isEqualTo(RECEIVED);
    assertThat(e.userKey()).isEqualTo("a");
  }

  @Test
  void acceptsEpochMillisAndRejectsEpochSeconds() {
    assertThat(
            json("{\"type\":\"click\",\"user_id\":\"u\",\"timestamp\":" + (RECEIVED - 1000) + "}")
                .accepted())
        .hasSize(1);
    var rejected =
        json("{\"type\":\"click\",\"user_id\":\"u\",\"timestamp\":" + RECEIVED / 1000 + "}")
            .rejected()
            .get(0);
    assertThat(rejected.errors().get(0).reason())
        .startsWith("epoch values must be in milliseconds");
  }

  @Test
  void reportsEveryProblemOfAnEventAtOnce() {
    var r =
        json("{\"type\":\"purchase\",\"user_id\":\"u\",\"amount\":\"5\",\"colour\":\"red\"}")
            .rejected()
            .get(0);
    assertThat(r.errors())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("amount", "colour", "order_id");
  }

  @Test
  void requiresTypeSpecificFields() {
    assertThat(json("{\"type\":\"search\",\"user_id\":\"u\"}").rejected().get(0).errors())
        .containsExactly(new FieldError("search_query", "is required for search events"));
    assertThat(
            json("{\"type\":\"page_view\",\"user_id\":\"u\"}")
                .rejected()
                .get(0)
                .errors()
                .get(0)
                .field())
        .isEqualTo("page_url");
    assertThat(json("{\"type\":\"my_custom_thing\",\"user_id\":\"u\"}").accepted()).hasSize(1);
  }

  @Test
  void requiresACurrencyWithAnAmount() {
    assertThat(
            json("{\"type\":\"refund\",\"user_id\":\"u\",\"amount\":3}").rejected().get(0).errors())
        .containsExactly(new FieldError("currency", "is required when amount is given (ISO-4217)"));
    assertThat(
            json("{\"type\":\"refund\",\"user_id\":\"u\",\"amount\":3,\"currency\":\"eur\"}")
                .rejected())
        .hasSize(1);
  }

  @Test
  void correctsSkewAndRejectsEventsFromTheFuture() {
    Event e =
        json("{\"type\":\"click\",\"user_id\":\"u\",\"timestamp\":\"2026-03-02T08:00:00Z\",\"sent_at\":\"2026-03-02T08:00:10Z\"}")
            .accepted()
            .get(0);
    assertThat(e.timestamp()).isEqualTo(RECEIVED - 10_000);
    var r =
        json("{\"type\":\"click\",\"user_id\":\"u\",\"timestamp\":\"2026-03-02T12:06:00Z\"}")
            .rejected()
            .get(0);
    assertThat(r.errors().get(0).reason()).startsWith("is 360 s after the server's receive time");
  }

  @Test
  void rejectsEventsOlderThanTheLiveWindow() {
    var r =
        json("{\"type\":\"click\",\"user_id\":\"u\",\"timestamp\":\"2026-01-01T00:00:00Z\"}")
            .rejected()
            .get(0);
    assertThat(r.errors().get(0).reason()).startsWith("is more than 72 h old");
  }

  @Test
  void keepsTheRawTextOfARejectedElement() {
    var d = json("[{\"type\":\"click\",\"user_id\":\"u\"}, {\"type\":1,\"user_id\":\"v\"}]");
    assertThat(d.accepted()).hasSize(1);
    assertThat(d.rejected().get(0).raw()).isEqualTo("{\"type\":1,\"user_id\":\"v\"}");
    assertThat(d.rejected().get(0).index()).isEqualTo(1);
    assertThat(d.rejected().get(0).userKey()).isEqualTo("v");
  }

  @Test
  void rejectsNonObjectsInAnArray() {
    var r = json("[\"click\"]").rejected().get(0);
    assertThat(r.errors().get(0).reason())
        .isEqualTo("each event must be a JSON object, got a string");
  }

  @Test
  void failsTheWholeBodyWhenItCannotBeRead() {
    assertThatThrownBy(() -> json("[{\"type\":\"click\"")).isInstanceOf(BodyException.class);
    assertThatThrownBy(() -> json("[]")).hasMessage("contains no events");
    assertThatThrownBy(() -> json("42")).hasMessageContaining("got a number");
    assertThatThrownBy(() -> json("{} {}")).hasMessageContaining("unexpected content");
  }

  @Test
  void limitsEventsPerRequestAndEventSize() {
    String one = "{\"type\":\"click\",\"user_id\":\"u\"}";
    assertThatThrownBy(() -> json("[" + one + "," + one + "," + one + "," + one + "]"))
        .isInstanceOfSatisfying(BodyException.class, e -> assertThat(e.status()).isEqualTo(413));
    var big =
        json(
            "{\"type\":\"click\",\"user_id\":\"u\",\"properties\":{\"x\":\""
                + "y".repeat(3000)
                + "\"}}");
    assertThat(big.rejected().get(0).tooLarge()).isTrue();
  }

  @Test
  void readsNdjsonLineByLine() {
    var d =
        decoder.decodeNdjson(
            "{\"type\":\"click\",\"user_id\":\"u\"}\n\n{oops}\r\n{\"type\":\"click\",\"user_id\":\"w\"}"
                .getBytes(StandardCharsets.UTF_8),
            RECEIVED,
            "test");
    assertThat(d.accepted()).extracting(Event::userKey).containsExactly("u", "w");
    assertThat(d.rejected().get(0).errors().get(0).reason()).startsWith("malformed JSON on line 3");
  }

  @Test
  void keepsCustomPropertiesAsTheirJsonText() {
    var d =
        decoder.decodeNdjson(
            ("{\"type\":\"click\",\"user_id\":\"u\"}\n"
                    + "{\"type\":\"click\",\"user_id\":\"w\",\"properties\":{\"a\":[1,{\"b\":\"é\"}]}}")
                .getBytes(StandardCharsets.UTF_8),
            RECEIVED,
            "test");
    assertThat(d.accepted().get(1).properties()).isEqualTo("{\"a\":[1,{\"b\":\"é\"}]}");
    var bad = json("{\"type\":\"click\",\"user_id\":\"u\",\"properties\":[1]}").rejected().get(0);
    assertThat(bad.errors().get(0).reason()).isEqualTo("must be a JSON object, got an array");
  }

  @Test
  void pageDialectTurnsNameIntoAPageView() {
    Event e =
        decoder
            .decodeJson(
                "{\"user_id\":\"u\",\"name\":\"Pricing\",\"timestamp\":\"2026-03-02T11:00:00Z\"}"
                    .getBytes(StandardCharsets.UTF_8),
                Dialect.PAGE,
                RECEIVED,
                "test")
            .accepted()
            .get(0);
    assertThat(e.type()).isEqualTo("page_view");
    assertThat(e.pageName()).isEqualTo("Pricing");
  }
}
