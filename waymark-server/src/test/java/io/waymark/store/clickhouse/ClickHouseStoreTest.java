package io.waymark.store.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.events.Event;
import io.waymark.events.TestEvents;
import io.waymark.store.AnalyticalStore;
import io.waymark.store.AnalyticalStoreContract;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The store contract against a real ClickHouse server, plus what is particular to ClickHouse. */
class ClickHouseStoreTest extends AnalyticalStoreContract {

  private ClickHouseSettings settings;

  @Override
  protected AnalyticalStore open() {
    settings = ClickHouseServer.shared().newDatabase();
    return new ClickHouseStore(settings);
  }

  private ClickHouseHttp http() {
    return new ClickHouseHttp(settings);
  }

  @Test
  void ordersEventsAtTheSameMomentByTheTextOfTheirIds() {
    List<Event> ties =
        IntStream.range(0, 6).mapToObj(i -> TestEvents.event("u3", "click", NINE).build()).toList();
    store.write(batch(ties, 6));
    List<UUID> byText =
        ties.stream().map(Event::eventId).sorted(Comparator.comparing(UUID::toString)).toList();
    assertThat(store.userEvents("u3", NINE, NINE + MINUTE, 100))
        .extracting(Event::eventId)
        .containsExactlyElementsOf(byText);
    assertThat(store.userEvents("u3", NINE, NINE + MINUTE, 3))
        .extracting(Event::eventId)
        .containsExactlyElementsOf(byText.subList(0, 3));
    assertThat(store.userEventsBefore("u3", null, 2))
        .extracting(Event::eventId)
        .containsExactly(byText.get(5), byText.get(4));
  }

  @Test
  void answersEachEventOnceWhileTheCopiesAreStillStored() {
    Event a = event("dup", NINE, "page_view");
    Event b = event("dup", NINE + MINUTE, "click");
    for (int i = 0; i < 3; i++) {
      store.write(batch(List.of(a, b), 2));
    }
    try (ClickHouseHttp http = http()) {
      // No merge has run yet: the table holds every copy, and the reads still see each event once.
      assertThat(http.rows("SELECT count() FROM events").get(0)[0]).isEqualTo("6");
    }
    assertThat(store.userEvents("dup", NINE, NINE + 10 * MINUTE, 100)).hasSize(2);
    assertThat(store.userEventsBefore("dup", null, 100)).hasSize(2);
    assertThat(store.user("dup").orElseThrow().eventCount()).isEqualTo(2);
    assertThat(store.findUsers("du", 10).get(0).eventCount()).isEqualTo(2);
  }

  @Test
  void keepsEveryFieldOfAnEvent() {
    Event full =
        new Event(
            UUID.randomUUID(),
            "purchase",
            "ann",
            "anon-9",
            "s-1",
            NINE,
            NINE - 50,
            NINE + 10,
            NINE + 20,
            "/checkout?x=1\tand\\tab",
            "Checkout\nZürich 東京 😀",
            "https://ref.example/",
            "p-1",
            "o-1",
            12.5,
            "EUR",
            "red 'shoes'",
            "{\"k\":\"v\"}",
            new Event.Context("10.0.0.1", "Mozilla/5.0", "de-DE", "DE"),
            "http",
            1);
    store.write(batch(List.of(full), 1));
    assertThat(store.userEventsBefore("ann", null, 10)).containsExactly(full);
  }
}
