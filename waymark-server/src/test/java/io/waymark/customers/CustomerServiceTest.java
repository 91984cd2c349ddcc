package io.waymark.customers;

import static io.waymark.store.CustomerFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.platform.ApiException;
import io.waymark.privacy.ErasureSubject;
import io.waymark.store.CustomerFixtures;
import io.waymark.store.CustomerStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SCD2 versions, identity merge, refresher and erasure over a real DuckDB file. */
class CustomerServiceTest {

  static final Instant MONDAY = Instant.parse("2026-03-02T12:00:00Z");
  static final Instant IMPORT_DONE = Instant.parse("2026-03-02T15:00:00Z");
  static final Instant NEXT_DAY = Instant.parse("2026-03-03T12:00:00Z");

  @TempDir Path dir;
  CustomerFixtures db;
  CustomerStore store;
  TestClock clock;
  CustomerService service;
  CustomerRefresher refresher;

  @BeforeEach
  void open() {
    db = CustomerFixtures.open(dir);
    store = db.customers();
    clock = new TestClock(MONDAY);
    CustomerSettings settings = CustomerSettings.defaults();
    service = new CustomerService(store, settings, clock);
    refresher = new CustomerRefresher(store, service, settings, clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private void visit(String user, String anonymous, Instant at) {
    db.events(event(user, anonymous, "page_view", at, clock.instant(), null, null, null));
  }

  @Test
  void theSameFactsTwiceMakeNoNewVersionAndAnImportMakesExactlyOne() {
    visit("ana", null, MONDAY.minusSeconds(600));
    assertThat(service.current("ana").version()).isEqualTo(1);

    clock.set(IMPORT_DONE.minusSeconds(60));
    assertThat(service.current("ana").version()).isEqualTo(1);
    assertThat(store.history("ana")).hasSize(1);

    db.transaction(
        "t-1", "o-1", "ana", MONDAY.minusSeconds(300), "completed", "42.00", "EUR", IMPORT_DONE);
    clock.set(IMPORT_DONE);
    CustomerVersion after = service.current("ana");

    assertThat(after.version()).isEqualTo(2);
    assertThat(after.validFrom()).isEqualTo(IMPORT_DONE);
    assertThat(after.profile().orders()).isEqualTo(1);
    assertThat(after.profile().lifetimeRevenue()).isEqualTo(new BigDecimal("42.00"));
    List<CustomerVersion> history = service.history("ana");
    assertThat(history).hasSize(2);
    assertThat(history.get(1).validTo()).isEqualTo(IMPORT_DONE);
    assertThat(service.asOf("ana", IMPORT_DONE).version()).isEqualTo(2);
    assertThat(service.asOf("ana", IMPORT_DONE.minusMillis(1)).version()).isEqualTo(1);
    assertThat(service.asOf("ana", IMPORT_DONE.minusMillis(1)).profile().orders()).isZero();
    assertThat(history.get(0).profile().changedFrom(history.get(1).profile()))
        .containsExactly(
            "last_seen", "orders", "lifetime_revenue", "average_order_value", "last_purchase");
  }

  @Test
  void anonymousHistoryCountsForTheUserOnceTheyIdentify() {
    visit(null, "dev-7", MONDAY.minusSeconds(3600));
    db.events(
        event(null, "dev-7", "add_to_cart", MONDAY.minusSeconds(3000), MONDAY, "p-1", null, null));
    CustomerVersion anonymous = service.current("dev-7");
    assertThat(anonymous.profile().eventsTotal()).isEqualTo(2);

    clock.set(NEXT_DAY);
    visit("bo", "dev-7", NEXT_DAY.minusSeconds(60));
    visit("bo", null, NEXT_DAY.minusSeconds(30));
    CustomerVersion user = service.current("bo");

    assertThat(user.profile().eventsTotal()).isEqualTo(4);
    assertThat(user.profile().firstSeen()).isEqualTo(MONDAY.minusSeconds(3600));
    assertThat(user.profile().linkedAnonymousIds()).containsExactly("dev-7");
    // the anonymous customer ends where the user's profile takes its history over
    assertThat(store.current("dev-7")).isEmpty();
    assertThat(store.history("dev-7").get(0).validTo()).isEqualTo(NEXT_DAY);
    assertThat(service.asOf("dev-7", MONDAY).profile().eventsTotal()).isEqualTo(2);
    assertThatThrownBy(() -> service.current("dev-7"))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("merged into customer \"bo\"");
  }

  @Test
  void unknownCustomersAndInstantsBeforeTheFirstVersionAreNotFound() {
    assertThatThrownBy(() -> service.current("nobody"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404))
        .hasMessageContaining("no customer \"nobody\"");
    visit("cy", null, MONDAY.minusSeconds(60));
    assertThatThrownBy(() -> service.asOf("cy", MONDAY.minusMillis(1)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("as_of"))
        .hasMessageContaining("before the first version");
  }

  @Test
  void theRefresherRecomputesOnlyCustomersTouchedSinceItsWatermarkMinusTheLookback() {
    visit("di", null, MONDAY.minusSeconds(600));
    clock.set(IMPORT_DONE);
    visit("ed", null, IMPORT_DONE.minusSeconds(600));
    assertThat(refresher.refreshTouched()).isEqualTo(2);
    assertThat(refresher.refreshTouched()).isZero();
    assertThat(refresher.queued()).isEqualTo(2);
    // a tick recomputes a bounded batch of the queue
    assertThat(refresher.drain(1)).isEqualTo(1);
    assertThat(refresher.queued()).isEqualTo(1);
    assertThat(refresher.drain(100)).isEqualTo(1);
    assertThat(refresher.queued()).isZero();

    // the watermark is 15:00 and the lookback 2 h: di's events, received at 12:00, are not read
    Instant later = IMPORT_DONE.plus(Duration.ofHours(3));
    clock.set(later);
    db.ticket("k-1", "ed", later.minusSeconds(60), "open", null, later);
    assertThat(refresher.refreshTouched()).isEqualTo(1);
    refresher.drain(100);
    assertThat(store.current("ed").orElseThrow().version()).isEqualTo(2);
    assertThat(store.current("ed").orElseThrow().profile().ticketsOpen()).isEqualTo(1);
    assertThat(store.current("di").orElseThrow().checkedAt()).isEqualTo(IMPORT_DONE);
  }

  @Test
  void theDailyPassMovesSegmentsAsTimePasses() {
    visit("flo", null, MONDAY.minusSeconds(600));
    refresher.refreshTouched();
    refresher.drain(100);
    assertThat(refresher.dailyPassDue()).isTrue();
    assertThat(refresher.dailyPass()).isEqualTo(1);
    refresher.drain(100);
    assertThat(store.current("flo").orElseThrow().profile().segments())
        .containsExactly("new", "active");
    assertThat(refresher.dailyPassDue()).isFalse();

    Instant weekLater = MONDAY.plus(Duration.ofDays(8));
    clock.set(weekLater);
    assertThat(refresher.dailyPassDue()).isTrue();
    refresher.dailyPass();
    refresher.drain(100);

    CustomerVersion v = store.current("flo").orElseThrow();
    assertThat(v.version()).isEqualTo(2);
    assertThat(v.validFrom()).isEqualTo(weekLater);
    assertThat(v.profile().segments()).containsExactly("new");
  }

  @Test
  void erasureRemovesEveryVersionOfTheSubjectsIdentitiesAndNoOneElses() {
    visit(null, "dev-3", MONDAY.minusSeconds(900));
    service.current("dev-3");
    clock.set(NEXT_DAY);
    visit("gil", "dev-3", NEXT_DAY.minusSeconds(60));
    service.current("gil");
    visit("hank", null, NEXT_DAY.minusSeconds(60));
    service.current("hank");
    CustomerVersionsHolder holder = new CustomerVersionsHolder(store);
    ErasureSubject gil = new ErasureSubject("gil", List.of("gil", "dev-3"));

    assertThat(holder.holderName()).isEqualTo("customers.versions");
    assertThat(holder.count(gil)).isEqualTo(2);
    assertThat(holder.erase(gil)).isEqualTo(2);
    assertThat(holder.count(gil)).isZero();
    assertThat(holder.erase(gil)).isZero();
    assertThat(store.history("hank")).hasSize(1);
  }
}
