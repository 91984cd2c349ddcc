package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.events.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One user's packed rows: every field comes back as it went in, in the store's order. */
class RecentRowsTest {

  final AtomicInteger forgotten = new AtomicInteger();

  static RecentEvents.Held row(long ts, long id, String session, String anonymous, Double amount) {
    return new RecentEvents.Held(
        ts,
        0,
        id,
        session,
        "page_view",
        "/p/ünï-" + (ts % 3),
        ts % 2 == 0 ? null : "Page",
        "sku-" + ts,
        amount == null ? null : "o-" + ts,
        amount,
        amount == null ? null : "EUR",
        ts % 5 == 0 ? "boots ✓" : null,
        anonymous);
  }

  List<Event> all(RecentRows rows, RecentRows.Strings strings) {
    return rows.between(
        "ann", Long.MIN_VALUE, Long.MAX_VALUE, 1_000, strings, t -> forgotten.incrementAndGet());
  }

  @Test
  void everyFieldSurvivesWithSharedInlineAndRepeatedStrings() {
    // Room for two shared strings only: the rest are written inline.
    RecentRows.Strings strings = new RecentRows.Strings(2);
    RecentRows rows = new RecentRows();
    List<RecentEvents.Held> in = new ArrayList<>();
    in.add(row(10, 1, "s1", "anon", null));
    in.add(row(11, 2, "s1", "anon", 12.5));
    in.add(row(12, 3, null, null, null));
    in.add(row(13, 4, null, "anon", -0.0));
    in.add(row(14, 5, "s2", "anon", Double.MAX_VALUE));
    in.forEach(h -> rows.append(h, strings));

    List<Event> out = all(rows, strings);
    assertThat(out).containsExactlyElementsOf(in.stream().map(h -> h.toEvent("ann")).toList());
    assertThat(out.get(3).anonymousId()).isNull(); // journeys never return it
    assertThat(rows.count(Set.of("anon"), false, strings)).isEqualTo(4);
  }

  @Test
  void sortsLateRowsAndDropsDuplicatesOnTheNextRead() {
    RecentRows.Strings strings = new RecentRows.Strings(100);
    RecentRows rows = new RecentRows();
    rows.append(row(20, 1, "s", null, null), strings);
    rows.append(row(10, 2, "s", null, null), strings);
    rows.append(row(20, 1, "s", null, null), strings); // the loader and the sink both had it
    rows.append(row(15, 3, "t", null, null), strings);
    assertThat(all(rows, strings)).extracting(Event::timestamp).containsExactly(10L, 15L, 20L);
    assertThat(all(rows, strings).get(1).sessionId()).isEqualTo("t");
    assertThat(all(rows, strings).get(2).sessionId()).isEqualTo("s");
    assertThat(rows.size()).isEqualTo(3);
    assertThat(forgotten.get()).isEqualTo(1);
    assertThat(rows.between("ann", 12, 20, 10, strings, t -> {})).hasSize(1);
  }

  @Test
  void dropsByTimeAndByAnonymousIdAndStartsCleanAfterDroppingAll() {
    RecentRows.Strings strings = new RecentRows.Strings(100);
    RecentRows rows = new RecentRows();
    for (int i = 0; i < 6; i++) {
      rows.append(row(i, i, "s", i % 2 == 0 ? "a" : "b", null), strings);
    }
    assertThat(rows.dropBefore(2, strings, t -> forgotten.incrementAndGet())).isEqualTo(4);
    assertThat(rows.dropAnonymous(Set.of("a"), strings, t -> forgotten.incrementAndGet()))
        .isEqualTo(2);
    assertThat(all(rows, strings)).extracting(Event::timestamp).containsExactly(3L, 5L);
    assertThat(rows.dropAll(strings, t -> forgotten.incrementAndGet())).isEqualTo(2);
    assertThat(forgotten.get()).isEqualTo(6);
    // The next row must not refer to the session of a row that is gone.
    rows.append(row(9, 9, "s", "a", null), strings);
    assertThat(all(rows, strings).get(0).sessionId()).isEqualTo("s");
  }
}
