package io.waymark.generator.files;

import io.waymark.generator.event.Event;
import io.waymark.generator.simulation.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The payment attempts behind the clickstream: a completed (or later refunded) transaction per
 * purchase, a failed one per payment_failed event, with the same order ids and user ids.
 */
final class TransactionLedger {

  /** Completed purchases that were refunded later. */
  static final double REFUNDED = 0.04;

  private final RandomGenerator random;
  private final List<Transaction> transactions = new ArrayList<>();

  TransactionLedger(RandomGenerator random) {
    this.random = random;
  }

  void observe(Event e) {
    String status;
    switch (e.type()) {
      case "purchase" -> status = random.nextDouble() < REFUNDED ? "refunded" : "completed";
      case "payment_failed" -> status = "failed";
      default -> {
        return;
      }
    }
    transactions.add(
        new Transaction(
            Ids.hex("txn-", random, 14),
            e.orderId(),
            e.userKey(),
            e.timestamp(),
            status,
            e.amount(),
            e.currency(),
            String.valueOf(e.properties().get("payment_method")),
            items(e.properties().get("items"))));
  }

  List<Transaction> transactions() {
    return transactions;
  }

  /** Line items as {@code productId:qty;productId:qty}. */
  static String items(Object items) {
    if (!(items instanceof List<?> list)) {
      return "";
    }
    return list.stream()
        .map(i -> (Map<?, ?>) i)
        .map(i -> i.get("product_id") + ":" + i.get("quantity"))
        .collect(Collectors.joining(";"));
  }
}
