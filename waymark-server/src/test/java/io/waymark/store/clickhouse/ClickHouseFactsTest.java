package io.waymark.store.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.store.CatalogueItem;
import io.waymark.store.FactStore;
import io.waymark.store.FactStore.FactTable;
import io.waymark.store.SupportTicket;
import io.waymark.store.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Upserts of imported facts and their erasure on a real ClickHouse server (as DuckDbFactsTest). */
class ClickHouseFactsTest {

  private static final long MONDAY = Instant.parse("2026-02-23T10:00:00Z").toEpochMilli();
  private static final long TUESDAY = Instant.parse("2026-02-24T10:00:00Z").toEpochMilli();
  private static final FactStore.Provenance FIRST = new FactStore.Provenance("imp-1", TUESDAY);
  private static final FactStore.Provenance SECOND = new FactStore.Provenance("imp-2", TUESDAY);

  private ClickHouseStore store;
  private ClickHouseFacts facts;

  @BeforeEach
  void open() {
    store = new ClickHouseStore(ClickHouseServer.shared().newDatabase());
    facts = new ClickHouseFacts(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static Transaction txn(String id, String user, long at, String status) {
    return new Transaction(
        id, "ord-" + id, user, at, status, new BigDecimal("19.90"), "EUR", "card", "p1:2");
  }

  private static SupportTicket ticket(String id, String user, String status) {
    return new SupportTicket(
        id, user, MONDAY, status.equals("closed") ? TUESDAY : null, status, "email", "Hi", null);
  }

  @Test
  void reimportingTheSameTransactionsChangesNothing() {
    facts.upsertTransactions(List.of(txn("t1", "ann", MONDAY, "completed")), FIRST);
    facts.upsertTransactions(List.of(txn("t1", "ann", MONDAY, "completed")), SECOND);
    assertThat(facts.transaction("t1")).contains(txn("t1", "ann", MONDAY, "completed"));
    assertThat(facts.lastImportOf(FactTable.TRANSACTIONS, "t1")).isEqualTo("imp-1");
    assertThat(facts.countByUser(FactTable.TRANSACTIONS, List.of("ann"))).isEqualTo(1);
  }

  @Test
  void aLaterStatusOfTheSameTransactionWinsAndAnEarlierOneDoesNot() {
    facts.upsertTransactions(List.of(txn("t2", "ann", MONDAY, "refunded")), FIRST);
    facts.upsertTransactions(List.of(txn("t2", "ann", MONDAY, "completed")), SECOND);
    assertThat(facts.transaction("t2").orElseThrow().status()).isEqualTo("refunded");
    assertThat(facts.lastImportOf(FactTable.TRANSACTIONS, "t2")).isEqualTo("imp-1");
    facts.upsertTransactions(List.of(txn("t2", "bob", TUESDAY, "completed")), SECOND);
    assertThat(facts.transaction("t2").orElseThrow().userId()).isEqualTo("bob");
    assertThat(facts.lastImportOf(FactTable.TRANSACTIONS, "t2")).isEqualTo("imp-2");
  }

  @Test
  void theLaterVersionWinsInsideOneBatch() {
    facts.upsertTransactions(
        List.of(txn("t3", "ann", TUESDAY, "completed"), txn("t3", "ann", MONDAY, "pending")),
        FIRST);
    assertThat(facts.transaction("t3").orElseThrow().timestamp()).isEqualTo(TUESDAY);
  }

  @Test
  void aClosedTicketIsNotReopenedByAnOlderFile() {
    facts.upsertTickets(List.of(ticket("k1", "ann", "open")), FIRST);
    facts.upsertTickets(List.of(ticket("k1", "ann", "closed")), SECOND);
    facts.upsertTickets(List.of(ticket("k1", "ann", "open")), FIRST);
    SupportTicket k = facts.ticket("k1").orElseThrow();
    assertThat(k).isEqualTo(ticket("k1", "ann", "closed"));
    assertThat(k.closedAt()).isEqualTo(TUESDAY);
    assertThat(facts.lastImportOf(FactTable.SUPPORT_TICKETS, "k1")).isEqualTo("imp-2");
  }

  @Test
  void aProductWithALaterUpdatedAtWins() {
    CatalogueItem old =
        new CatalogueItem(
            "p1", "Mug", "kitchen", null, new BigDecimal("9.50"), "EUR", null, MONDAY);
    CatalogueItem newer =
        new CatalogueItem(
            "p1", "Mug XL", "kitchen", "Acme", new BigDecimal("11.00"), "EUR", "big", TUESDAY);
    facts.upsertCatalogue(List.of(newer), FIRST);
    facts.upsertCatalogue(List.of(old), SECOND);
    assertThat(facts.catalogueItem("p1")).contains(newer);
    assertThat(facts.catalogueItem("p2")).isEmpty();
    assertThat(facts.lastImportOf(FactTable.CATALOGUE_ITEMS, "p2")).isNull();
  }

  @Test
  void eraseRemovesExactlyTheSubjectsRowsAndIsIdempotent() {
    facts.upsertTransactions(
        List.of(
            txn("t4", "carl", MONDAY, "completed"),
            txn("t5", "anon-carl", MONDAY, "failed"),
            txn("t6", "dora", MONDAY, "completed")),
        FIRST);
    facts.upsertTickets(List.of(ticket("k2", "carl", "open"), ticket("k3", "dora", "open")), FIRST);
    List<String> carl = List.of("carl", "anon-carl");
    assertThat(facts.countByUser(FactTable.TRANSACTIONS, carl)).isEqualTo(2);
    assertThat(facts.countByUser(FactTable.SUPPORT_TICKETS, carl)).isEqualTo(1);

    assertThat(facts.deleteByUser(FactTable.TRANSACTIONS, carl)).isEqualTo(2);
    assertThat(facts.deleteByUser(FactTable.SUPPORT_TICKETS, carl)).isEqualTo(1);
    assertThat(facts.deleteByUser(FactTable.TRANSACTIONS, carl)).isZero();
    assertThat(facts.deleteByUser(FactTable.SUPPORT_TICKETS, carl)).isZero();

    assertThat(facts.countByUser(FactTable.TRANSACTIONS, carl)).isZero();
    assertThat(facts.transaction("t4")).isEmpty();
    assertThat(facts.transaction("t6")).isPresent();
    assertThat(facts.ticket("k3")).isPresent();
    assertThatThrownBy(() -> facts.countByUser(FactTable.CATALOGUE_ITEMS, carl))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anErasureAlsoRemovesVersionsThatALaterImportSuperseded() {
    facts.upsertTransactions(List.of(txn("t7", "erin", MONDAY, "pending")), FIRST);
    facts.upsertTransactions(List.of(txn("t7", "erin", TUESDAY, "completed")), SECOND);
    assertThat(facts.countByUser(FactTable.TRANSACTIONS, List.of("erin"))).isEqualTo(1);
    assertThat(facts.deleteByUser(FactTable.TRANSACTIONS, List.of("erin"))).isEqualTo(1);
    try (ClickHouseHttp http = new ClickHouseHttp(storeSettings())) {
      assertThat(http.rows("SELECT count() FROM transactions WHERE user_id = 'erin'").get(0)[0])
          .isEqualTo("0");
    }
  }

  private ClickHouseSettings storeSettings() {
    return store.http().settings();
  }
}
