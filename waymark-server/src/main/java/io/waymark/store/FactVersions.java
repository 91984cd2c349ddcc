package io.waymark.store;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which version of a fact wins when two share an id: the later one (timestamp, status progression,
 * {@code updated_at}); at the same version, the one read last if it differs. The same rule is
 * applied inside a batch here and against stored rows in SQL ({@link DuckDbFacts}).
 */
final class FactVersions {

  /** Transaction statuses in the order they can follow each other (failed ends like completed). */
  static final Map<String, Integer> TRANSACTION_RANKS =
      Map.of("pending", 0, "completed", 1, "failed", 1, "refunded", 2);

  /** Ticket states in the order they can follow each other. */
  static final Map<String, Integer> TICKET_RANKS = Map.of("open", 0, "pending", 1, "closed", 2);

  private FactVersions() {}

  static Collection<Transaction> latestTransactions(List<Transaction> rows) {
    return latest(rows, Transaction::transactionId, FactVersions::compare);
  }

  static Collection<SupportTicket> latestTickets(List<SupportTicket> rows) {
    return latest(
        rows,
        SupportTicket::ticketId,
        (a, b) -> Integer.compare(rank(TICKET_RANKS, a.status()), rank(TICKET_RANKS, b.status())));
  }

  static Collection<CatalogueItem> latestProducts(List<CatalogueItem> rows) {
    return latest(
        rows, CatalogueItem::productId, (a, b) -> Long.compare(a.updatedAt(), b.updatedAt()));
  }

  private static int compare(Transaction a, Transaction b) {
    int byTime = Long.compare(a.timestamp(), b.timestamp());
    return byTime != 0
        ? byTime
        : Integer.compare(rank(TRANSACTION_RANKS, a.status()), rank(TRANSACTION_RANKS, b.status()));
  }

  static int rank(Map<String, Integer> order, String status) {
    return order.getOrDefault(status, -1);
  }

  private interface Order<T> {
    int compare(T a, T b);
  }

  private static <T> Collection<T> latest(List<T> rows, Function<T, String> id, Order<T> order) {
    Map<String, T> out = new LinkedHashMap<>();
    for (T row : rows) {
      out.merge(
          id.apply(row),
          row,
          (kept, next) ->
              order.compare(next, kept) >= 0 && !Objects.equals(next, kept) ? next : kept);
    }
    return out.values();
  }
}
