package io.waymark.store;

import static io.waymark.store.CustomerFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.customers.CustomerProfile;
import io.waymark.customers.CustomerVersion;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SCD2 table and the fact queries against a real DuckDB file. */
class DuckDbCustomersTest {

  static final Instant MONDAY = Instant.parse("2026-03-02T12:00:00Z");
  static final Instant TUESDAY = Instant.parse("2026-03-03T08:30:00Z");
  static final Instant WEDNESDAY = Instant.parse("2026-03-04T09:00:00Z");

  @TempDir Path dir;
  CustomerFixtures db;
  CustomerStore customers;

  @BeforeEach
  void open() {
    db = CustomerFixtures.open(dir);
    customers = db.customers();
  }

  @AfterEach
  void close() {
    db.close();
  }

  static CustomerProfile profile(String id, int orders) {
    return new CustomerProfile(
        id,
        MONDAY,
        MONDAY,
        1,
        1,
        0,
        0,
        orders,
        0,
        0,
        new BigDecimal("0.00"),
        new BigDecimal("12.50"),
        null,
        null,
        "EUR",
        0,
        0,
        0,
        null,
        List.of("shoes"),
        List.of(),
        List.of("new", "active"));
  }

  private CustomerVersion record(CustomerProfile p, Instant at) {
    return customers.record(p, p.hash(), at);
  }

  @Test
  void theSameProfileTwiceKeepsOneVersionAndOnlyMovesCheckedAt() {
    record(profile("ann", 1), MONDAY);
    CustomerVersion again = record(profile("ann", 1), TUESDAY);

    assertThat(customers.history("ann")).hasSize(1);
    assertThat(again.version()).isEqualTo(1);
    assertThat(again.validFrom()).isEqualTo(MONDAY);
    assertThat(again.validTo()).isNull();
    assertThat(again.checkedAt()).isEqualTo(TUESDAY);
  }

  @Test
  void aChangeClosesTheOldVersionAtTheChangeInstantAndOpensExactlyOneNewVersion() {
    record(profile("bea", 1), MONDAY);
    record(profile("bea", 2), TUESDAY);

    List<CustomerVersion> history = customers.history("bea");
    assertThat(history).extracting(CustomerVersion::version).containsExactly(2, 1);
    assertThat(history).filteredOn(CustomerVersion::current).hasSize(1);
    CustomerVersion newer = history.get(0);
    CustomerVersion older = history.get(1);
    assertThat(older.validTo()).isEqualTo(TUESDAY);
    assertThat(older.current()).isFalse();
    assertThat(older.profile().orders()).isEqualTo(1);
    assertThat(newer.validFrom()).isEqualTo(TUESDAY);
    assertThat(newer.validTo()).isNull();
    assertThat(newer.profile().orders()).isEqualTo(2);
    assertThat(newer.profile()).isEqualTo(profile("bea", 2));
  }

  @Test
  void asOfExactlyAtValidFromIsTheNewVersionAndOneMillisecondBeforeIsTheOld() {
    record(profile("cat", 1), MONDAY);
    record(profile("cat", 2), TUESDAY);
    record(profile("cat", 3), WEDNESDAY);

    assertThat(customers.asOf("cat", TUESDAY).orElseThrow().version()).isEqualTo(2);
    assertThat(customers.asOf("cat", TUESDAY.minusMillis(1)).orElseThrow().version()).isEqualTo(1);
    assertThat(customers.asOf("cat", WEDNESDAY.minusMillis(1)).orElseThrow().version())
        .isEqualTo(2);
    assertThat(customers.asOf("cat", WEDNESDAY).orElseThrow().version()).isEqualTo(3);
    assertThat(customers.asOf("cat", MONDAY).orElseThrow().version()).isEqualTo(1);
    assertThat(customers.asOf("cat", MONDAY.minusMillis(1))).isEmpty();
  }

  @Test
  void aChangeAtTheInstantTheCurrentVersionBeganReplacesIt() {
    record(profile("dan", 1), MONDAY);
    CustomerVersion replaced = record(profile("dan", 2), MONDAY);

    assertThat(customers.history("dan")).hasSize(1);
    assertThat(replaced.version()).isEqualTo(1);
    assertThat(replaced.profile().orders()).isEqualTo(2);
  }

  @Test
  void aProfileComputedBeforeTheCurrentVersionBeganIsIgnored() {
    record(profile("dot", 2), TUESDAY);
    CustomerVersion kept = record(profile("dot", 1), MONDAY);

    assertThat(customers.history("dot")).hasSize(1);
    assertThat(kept.profile().orders()).isEqualTo(2);
  }

  @Test
  void closingLeavesNoCurrentVersionAndTheNextOneContinuesTheNumbering() {
    record(profile("eve", 1), MONDAY);
    assertThat(customers.closeCurrent("eve", TUESDAY)).isTrue();
    assertThat(customers.closeCurrent("eve", TUESDAY)).isFalse();
    assertThat(customers.current("eve")).isEmpty();
    assertThat(customers.asOf("eve", TUESDAY)).isEmpty();

    assertThat(record(profile("eve", 2), WEDNESDAY).version()).isEqualTo(2);
  }

  @Test
  void factsCoverTheUserAndTheLinkedAnonymousHistory() {
    Instant received = MONDAY.plusSeconds(60);
    db.catalogue("p-1", "shoes", MONDAY);
    db.catalogue("p-2", "hats", MONDAY);
    db.events(
        event(
            null, "dev-9", "product_view", MONDAY.minusSeconds(3600), received, "p-1", null, null),
        event("fay", "dev-9", "page_view", MONDAY.minusSeconds(1800), received, null, null, null),
        event("fay", null, "add_to_cart", MONDAY.minusSeconds(900), received, "p-2", null, null),
        event("fay", null, "purchase", MONDAY.minusSeconds(600), received, "p-2", "o-1", 19.99));
    db.session("dev-9", MONDAY.minusSeconds(3600), MONDAY.minusSeconds(3500));
    db.session("fay", MONDAY.minus(java.time.Duration.ofDays(40)), MONDAY.minusSeconds(600));
    db.transaction(
        "t-1", "o-1", "fay", MONDAY.minusSeconds(590), "completed", "19.99", "EUR", MONDAY);
    db.ticket("k-1", "fay", MONDAY.minusSeconds(300), "open", 4, MONDAY);

    CustomerFacts f = customers.facts("fay", MONDAY.minus(java.time.Duration.ofDays(30)));

    assertThat(f.linkedAnonymousIds()).containsExactly("dev-9");
    assertThat(f.activity())
        .isEqualTo(
            new CustomerFacts.Activity(
                MONDAY.minusSeconds(3600).toEpochMilli(),
                MONDAY.minusSeconds(600).toEpochMilli(),
                4,
                4,
                2,
                1));
    assertThat(f.payments())
        .extracting(CustomerFacts.Payment::source, CustomerFacts.Payment::orderId)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(CustomerFacts.Source.IMPORT, "o-1"),
            org.assertj.core.groups.Tuple.tuple(CustomerFacts.Source.EVENT, "o-1"));
    assertThat(f.payments()).allSatisfy(p -> assertThat(p.amount()).isEqualByComparingTo("19.99"));
    assertThat(f.tickets())
        .containsExactly(
            new CustomerFacts.Ticket("k-1", MONDAY.minusSeconds(300).toEpochMilli(), "open", 4));
    assertThat(f.categories())
        .containsExactly(
            new CustomerFacts.CategoryInterest("hats", 1, 1, 0),
            new CustomerFacts.CategoryInterest("shoes", 0, 0, 1));
    assertThat(customers.facts("nobody", MONDAY).isEmpty()).isTrue();
  }

  @Test
  void touchedSinceMapsAnonymousKeysToTheirUserAndSeesEveryFactTable() {
    Instant early = MONDAY.minusSeconds(7200);
    db.catalogue("p-7", "toys", early);
    db.events(
        event(null, "dev-1", "product_view", early, early, "p-7", null, null),
        event("gus", "dev-1", "page_view", early, early, null, null, null),
        event("hal", null, "page_view", MONDAY, MONDAY, null, null, null));
    db.transaction("t-9", "o-9", "ivy", early, "completed", "5.00", "EUR", MONDAY);
    db.ticket("k-9", "jo", early, "closed", null, MONDAY);

    assertThat(customers.touchedSince(MONDAY)).containsExactlyInAnyOrder("hal", "ivy", "jo");
    assertThat(customers.touchedSince(early)).containsExactlyInAnyOrder("gus", "hal", "ivy", "jo");
    // The first pass (no watermark yet) reads the users table instead of every event.
    assertThat(customers.touchedSince(Instant.EPOCH))
        .containsExactlyInAnyOrder("gus", "hal", "ivy", "jo");
    assertThat(customers.latestFactTime()).isEqualTo(MONDAY);

    db.catalogue("p-7", "games", TUESDAY);
    assertThat(customers.touchedSince(TUESDAY)).containsExactly("gus");
  }

  @Test
  void watermarksAreSavedAndReplaced() {
    assertThat(customers.watermark("incremental")).isEmpty();
    customers.saveWatermark("incremental", MONDAY);
    customers.saveWatermark("incremental", TUESDAY);
    assertThat(customers.watermark("incremental")).contains(TUESDAY);
  }
}
