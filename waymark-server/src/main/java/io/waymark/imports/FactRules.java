package io.waymark.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.events.QuarantinedItem.Problem;
import io.waymark.store.CatalogueItem;
import io.waymark.store.SupportTicket;
import io.waymark.store.Transaction;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a transaction, support ticket or product row must keep (docs/api.md, "Imports"), and
 * its conversion into the stored record.
 */
final class FactRules {

  /** The columns of transactions.csv, in the order the generator writes them. */
  static final List<String> TRANSACTION_COLUMNS =
      List.of(
          "transaction_id",
          "order_id",
          "user_id",
          "timestamp",
          "status",
          "amount",
          "currency",
          "payment_method",
          "items");

  static final List<String> TRANSACTION_STATUSES =
      List.of("pending", "completed", "failed", "refunded");
  static final List<String> TICKET_STATUSES = List.of("open", "pending", "closed");
  static final Set<String> TICKET_FIELDS =
      Set.of(
          "ticket_id",
          "user_id",
          "created_at",
          "closed_at",
          "status",
          "channel",
          "subject",
          "satisfaction");
  static final Set<String> PRODUCT_FIELDS =
      Set.of(
          "product_id",
          "name",
          "category",
          "brand",
          "price",
          "currency",
          "description",
          "updated_at");

  /** Line items: {@code productId:quantity} separated by semicolons. */
  private static final Pattern ITEMS =
      Pattern.compile("[^:;]+:[1-9][0-9]{0,5}(;[^:;]+:[1-9][0-9]{0,5})*");

  /** A checked row: the record, or the problems; and whose it is, when known. */
  record Checked<T>(T row, List<Problem> problems, String userKey) {}

  private final Clock clock;

  FactRules(Clock clock) {
    this.clock = clock;
  }

  /** A CSV record whose fields are in {@link #TRANSACTION_COLUMNS} order. */
  Checked<Transaction> transaction(List<String> f) {
    RowCheck c = new RowCheck(clock);
    if (f.size() != TRANSACTION_COLUMNS.size()) {
      c.problem("row", "has " + f.size() + " fields; the header has " + TRANSACTION_COLUMNS.size());
      return new Checked<>(null, c.problems, null);
    }
    String id = c.required("transaction_id", f.get(0), 128);
    String order = c.optional("order_id", f.get(1), 128);
    String user = c.required("user_id", f.get(2), 128);
    Long ts = c.time("timestamp", f.get(3), true);
    String status = c.oneOf("status", f.get(4), TRANSACTION_STATUSES);
    BigDecimal parsed = c.decimal("amount", f.get(5));
    BigDecimal amount =
        parsed == null && RowCheck.blankToNull(f.get(5)) != null
            ? null
            : c.money("amount", parsed, true);
    String currency = c.currency("currency", f.get(6), true);
    String method = c.optional("payment_method", f.get(7), 64);
    String items = c.optional("items", f.get(8), 4096);
    if (items != null && !ITEMS.matcher(items).matches()) {
      c.problem("items", "must be productId:quantity pairs separated by ';', e.g. p-1:2;p-7:1");
    }
    if (!c.ok()) {
      return new Checked<>(null, c.problems, user);
    }
    return new Checked<>(
        new Transaction(id, order, user, ts, status, amount, currency, method, items),
        c.problems,
        user);
  }

  Checked<SupportTicket> ticket(JsonNode n) {
    RowCheck c = new RowCheck(clock);
    if (!n.isObject()) {
      c.problem("row", "each ticket must be a JSON object, got " + kind(n));
      return new Checked<>(null, c.problems, null);
    }
    c.onlyKnown(n, TICKET_FIELDS);
    String id = c.required("ticket_id", c.text(n, "ticket_id"), 128);
    String user = c.required("user_id", c.text(n, "user_id"), 128);
    Long created = c.time("created_at", c.text(n, "created_at"), true);
    Long closed = c.time("closed_at", c.text(n, "closed_at"), false);
    String status = c.oneOf("status", c.text(n, "status"), TICKET_STATUSES);
    String channel = c.optional("channel", c.text(n, "channel"), 64);
    String subject = c.optional("subject", c.text(n, "subject"), 512);
    Integer satisfaction = satisfaction(c, c.number(n, "satisfaction"));
    if ("closed".equals(status) && closed == null && !n.hasNonNull("closed_at")) {
      c.problem("closed_at", "is required when status is closed");
    }
    if (closed != null && !"closed".equals(status) && status != null) {
      c.problem("closed_at", "is set, but status is " + status + "; only closed tickets close");
    }
    if (closed != null && created != null && closed < created) {
      c.problem("closed_at", "is before created_at");
    }
    if (!c.ok()) {
      return new Checked<>(null, c.problems, user);
    }
    return new Checked<>(
        new SupportTicket(id, user, created, closed, status, channel, subject, satisfaction),
        c.problems,
        user);
  }

  private static Integer satisfaction(RowCheck c, BigDecimal v) {
    if (v == null) {
      return null;
    }
    if (v.stripTrailingZeros().scale() > 0
        || v.compareTo(BigDecimal.ONE) < 0
        || v.compareTo(BigDecimal.valueOf(5)) > 0) {
      c.problem("satisfaction", "must be a whole number from 1 to 5, got " + v.toPlainString());
      return null;
    }
    return v.intValue();
  }

  Checked<CatalogueItem> product(JsonNode n) {
    RowCheck c = new RowCheck(clock);
    if (!n.isObject()) {
      c.problem("row", "each product must be a JSON object, got " + kind(n));
      return new Checked<>(null, c.problems, null);
    }
    c.onlyKnown(n, PRODUCT_FIELDS);
    String id = c.required("product_id", c.text(n, "product_id"), 128);
    String name = c.required("name", c.text(n, "name"), 512);
    String category = c.required("category", c.text(n, "category"), 128);
    String brand = c.optional("brand", c.text(n, "brand"), 128);
    BigDecimal price = c.money("price", c.number(n, "price"), false);
    String currency = c.currency("currency", c.text(n, "currency"), n.hasNonNull("price"));
    String description = c.optional("description", c.text(n, "description"), 4096);
    Long updated = c.time("updated_at", c.text(n, "updated_at"), true);
    if (!c.ok()) {
      return new Checked<>(null, c.problems, null);
    }
    return new Checked<>(
        new CatalogueItem(id, name, category, brand, price, currency, description, updated),
        c.problems,
        null);
  }

  private static String kind(JsonNode n) {
    return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
