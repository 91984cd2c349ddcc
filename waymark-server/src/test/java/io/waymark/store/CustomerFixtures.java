package io.waymark.store;

import io.waymark.events.Event;
import io.waymark.sessions.SessionRecord;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test data for the customer profile: a real DuckDB file with the customer store on it, and rows
 * for the fact tables the importers fill (transactions, support tickets, catalogue items).
 */
public final class CustomerFixtures implements AutoCloseable {

  private final DuckDbStore store;
  private final DuckDbCustomers customers;

  private CustomerFixtures(DuckDbStore store) throws java.sql.SQLException {
    this.store = store;
    this.customers = new DuckDbCustomers(store);
  }

  /** A fresh store in {@code dir}. */
  public static CustomerFixtures open(Path dir) {
    try {
      return new CustomerFixtures(new DuckDbStore(dir.resolve("waymark.duckdb"), 2, "512MB"));
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public AnalyticalStore store() {
    return store;
  }

  public CustomerStore customers() {
    return customers;
  }

  /** Writes events (and their users and identity links) as the sink would. */
  public void events(Event... events) {
    store.write(new SinkBatch(List.of(events), List.of(), Map.of()));
  }

  /** Writes one closed session of {@code userKey}. */
  public void session(String userKey, Instant start, Instant end) {
    store.write(
        new SinkBatch(
            List.of(),
            List.of(),
            List.of(
                new SessionRecord(
                    UUID.randomUUID(),
                    userKey,
                    start.toEpochMilli(),
                    end.toEpochMilli(),
                    1,
                    1,
                    0,
                    0,
                    0,
                    0,
                    0,
                    null,
                    "/",
                    "/",
                    null)),
            Map.of()));
  }

  /** An event of {@code type} at {@code at}, received at {@code receivedAt}. */
  public static Event event(
      String userId,
      String anonymousId,
      String type,
      Instant at,
      Instant receivedAt,
      String productId,
      String orderId,
      Double amount) {
    return new Event(
        UUID.randomUUID(),
        type,
        userId,
        anonymousId,
        null,
        at.toEpochMilli(),
        null,
        null,
        receivedAt.toEpochMilli(),
        "/",
        null,
        null,
        productId,
        orderId,
        amount,
        amount == null ? null : "EUR",
        null,
        null,
        Event.Context.EMPTY,
        "test",
        Event.SCHEMA_VERSION);
  }

  public void transaction(
      String id,
      String orderId,
      String userId,
      Instant ts,
      String status,
      String amount,
      String currency,
      Instant importedAt) {
    transaction(customers, id, orderId, userId, ts, status, amount, currency, importedAt);
  }

  /** Inserts an imported transaction through the customer store's connection. */
  public static void transaction(
      CustomerStore customers,
      String id,
      String orderId,
      String userId,
      Instant ts,
      String status,
      String amount,
      String currency,
      Instant importedAt) {
    ((DuckDbCustomers) customers)
        .execute(
            "INSERT INTO transactions VALUES (?, ?, ?, epoch_ms(?::BIGINT), ?, ?, ?, 'card', NULL,"
                + " 'test-import', epoch_ms(?::BIGINT))",
            id,
            orderId,
            userId,
            ts.toEpochMilli(),
            status,
            new BigDecimal(amount),
            currency,
            importedAt.toEpochMilli());
  }

  public void ticket(
      String id,
      String userId,
      Instant createdAt,
      String status,
      Integer satisfaction,
      Instant importedAt) {
    ticket(customers, id, userId, createdAt, status, satisfaction, importedAt);
  }

  /** Inserts an imported support ticket. */
  public static void ticket(
      CustomerStore customers,
      String id,
      String userId,
      Instant createdAt,
      String status,
      Integer satisfaction,
      Instant importedAt) {
    ((DuckDbCustomers) customers)
        .execute(
            "INSERT INTO support_tickets VALUES (?, ?, epoch_ms(?::BIGINT), NULL, ?, 'email',"
                + " 'help', ?, 'test-import', epoch_ms(?::BIGINT))",
            id,
            userId,
            createdAt.toEpochMilli(),
            status,
            satisfaction == null ? null : satisfaction.shortValue(),
            importedAt.toEpochMilli());
  }

  public void catalogue(String productId, String category, Instant importedAt) {
    catalogue(customers, productId, category, importedAt);
  }

  /** Inserts (or replaces) an imported catalogue item. */
  public static void catalogue(
      CustomerStore customers, String productId, String category, Instant importedAt) {
    ((DuckDbCustomers) customers)
        .execute(
            "INSERT OR REPLACE INTO catalogue_items VALUES (?, ?, ?, NULL, NULL, NULL, NULL,"
                + " epoch_ms(?::BIGINT), 'test-import', epoch_ms(?::BIGINT))",
            productId,
            "Product " + productId,
            category,
            importedAt.toEpochMilli(),
            importedAt.toEpochMilli());
  }

  @Override
  public void close() {
    customers.close();
    store.close();
  }
}
