package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.privacy.ErasureSubject;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upserts of imported facts and their erasure, against a real DuckDB file. */
class DuckDbFactsTest {

  private static final long MONDAY = Instant.parse("2026-02-23T10:00:00Z").toEpochMilli();
  private static final long TUESDAY = Instant.parse("2026-02-24T10:00:00Z").toEpochMilli();
  private static final FactStore.Provenance FIRST = new FactStore.Provenance("imp-1", TUESDAY);
  private static final FactStore.Provenance SECOND = new FactStore.Provenance("imp-2", TUESDAY);

  @TempDir Path dir;
  private DuckDbStore store;
  private DuckDbFacts facts;

  @BeforeEach
  void open() throws Exception {
    store = new DuckDbStore(dir.resolve("w.duckdb"), 1, "256MB");
    facts = new DuckDbFacts(store);
  }

  @AfterEach
  void close() {
    facts.close();
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
    assertThat(facts.lastImportOf(FactStore.FactTable.TRANSACTIONS, "t1")).isEqualTo("imp-1");
    assertThat(facts.countByUser(FactStore.FactTable.TRANSACTIONS, List.of("ann"))).isEqualTo(1);
  }

  @Test
  void aLaterStatusOfTheSameTransactionWinsAndAnEarlierOneDoesNot() {
    facts.upsertTransactions(List.of(txn("t2", "ann", MONDAY, "refunded")), FIRST);
    facts.upsertTransactions(List.of(txn("t2", "ann", MONDAY, "completed")), SECOND);
    assertThat(facts.transaction("t2").orElseThrow().status()).isEqualTo("refunded");
    facts.upsertTransactions(List.of(txn("t2", "bob", TUESDAY, "completed")), SECOND);
    assertThat(facts.transaction("t2").orElseThrow().userId()).isEqualTo("bob");
    assertThat(facts.lastImportOf(FactStore.FactTable.TRANSACTIONS, "t2")).isEqualTo("imp-2");
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
    assertThat(k.status()).isEqualTo("closed");
    assertThat(k.closedAt()).isEqualTo(TUESDAY);
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
    ErasureSubject carl = new ErasureSubject("carl", List.of("carl", "anon-carl"));
    FactHolder transactions = new FactHolder(facts, FactStore.FactTable.TRANSACTIONS);
    FactHolder tickets = new FactHolder(facts, FactStore.FactTable.SUPPORT_TICKETS);
    assertThat(transactions.holderName()).isEqualTo("store.transactions");
    assertThat(transactions.count(carl)).isEqualTo(2);
    assertThat(tickets.count(carl)).isEqualTo(1);

    assertThat(transactions.erase(carl)).isEqualTo(2);
    assertThat(tickets.erase(carl)).isEqualTo(1);
    assertThat(transactions.erase(carl)).isZero();
    assertThat(tickets.erase(carl)).isZero();

    assertThat(transactions.count(carl)).isZero();
    assertThat(facts.transaction("t6")).isPresent();
    assertThat(facts.ticket("k3")).isPresent();
  }
}
