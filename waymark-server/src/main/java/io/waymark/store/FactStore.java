package io.waymark.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The business facts that bulk imports bring in: transactions, support tickets and catalogue items.
 * Every write is an idempotent upsert by the row's own id, where the later version wins, so
 * importing the same file twice changes nothing.
 */
public interface FactStore {

  /** Where an import's rows came from: the import id and the processing time it ran at. */
  record Provenance(String importId, long importedAt) {}

  /** Upserts by transaction id; a later timestamp, or a later status at the same time, wins. */
  void upsertTransactions(List<Transaction> rows, Provenance provenance);

  /** Upserts by ticket id; a later state (open, pending, closed) wins. */
  void upsertTickets(List<SupportTicket> rows, Provenance provenance);

  /** Upserts by product id; a later {@code updated_at} wins. */
  void upsertCatalogue(List<CatalogueItem> rows, Provenance provenance);

  Optional<Transaction> transaction(String transactionId);

  Optional<SupportTicket> ticket(String ticketId);

  Optional<CatalogueItem> catalogueItem(String productId);

  /** The import that last wrote the row of {@code table} with this id (null when none). */
  String lastImportOf(FactTable table, String id);

  /** Rows of a user-keyed table that belong to any of these user ids. */
  long countByUser(FactTable table, Collection<String> userIds);

  /** Deletes the rows of a user-keyed table that belong to these user ids; returns how many. */
  long deleteByUser(FactTable table, Collection<String> userIds);

  /** The fact tables, with their key column. */
  enum FactTable {
    TRANSACTIONS("transactions", "transaction_id"),
    SUPPORT_TICKETS("support_tickets", "ticket_id"),
    CATALOGUE_ITEMS("catalogue_items", "product_id");

    final String table;
    final String key;

    FactTable(String table, String key) {
      this.table = table;
      this.key = key;
    }
  }
}
