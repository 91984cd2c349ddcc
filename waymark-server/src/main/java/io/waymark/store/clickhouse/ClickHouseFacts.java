package io.waymark.store.clickhouse;

import io.waymark.store.CatalogueItem;
import io.waymark.store.FactStore;
import io.waymark.store.SupportTicket;
import io.waymark.store.Transaction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The imported facts (transactions, support tickets, catalogue items) in ClickHouse. An upsert
 * reads the stored version of each id, keeps the incoming rows that win by the same rule as the
 * DuckDB store (a later time or status; at the same version, a row that differs) and inserts only
 * those; the tables keep the latest insert per id ({@code ReplacingMergeTree}, read with {@code
 * FINAL}). Identical rows are left alone, so their provenance stays. Upserts of one id must not run
 * on two instances at once (imports run one at a time).
 */
public final class ClickHouseFacts implements FactStore {

  /** Transaction statuses in the order they can follow each other (as the DuckDB store's). */
  static final Map<String, Integer> TRANSACTION_RANKS =
      Map.of("pending", 0, "completed", 1, "failed", 1, "refunded", 2);

  /** Ticket states in the order they can follow each other. */
  static final Map<String, Integer> TICKET_RANKS = Map.of("open", 0, "pending", 1, "closed", 2);

  private static final Map<String, String> AFTER_MERGE = Map.of("optimize_move_to_prewhere", "0");
  private static final int IDS_PER_READ = 1_000;

  private static final String TRANSACTION_COLUMNS =
      "transaction_id, order_id, user_id, ts, status, amount, currency, payment_method, items";
  private static final String TICKET_COLUMNS =
      "ticket_id, user_id, created_at, closed_at, status, channel, subject, satisfaction";
  private static final String PRODUCT_COLUMNS =
      "product_id, name, category, brand, price, currency, description, updated_at";

  private final ClickHouseHttp http;
  private final ClickHouseErasure erasure;
  private final int site = ClickHouseStore.DEFAULT_SITE;

  /** Uses the store's connection; the store has checked the server and migrated the schema. */
  public ClickHouseFacts(ClickHouseStore store) {
    this.http = store.http();
    this.erasure = store.erasure();
  }

  @Override
  public synchronized void upsertTransactions(List<Transaction> rows, Provenance provenance) {
    upsert(
        new Table<>(
            "transactions",
            "transaction_id",
            TRANSACTION_COLUMNS,
            Transaction::transactionId,
            (a, b) -> {
              int byTime = Long.compare(a.timestamp(), b.timestamp());
              return byTime != 0
                  ? byTime
                  : Integer.compare(
                      rank(TRANSACTION_RANKS, a.status()), rank(TRANSACTION_RANKS, b.status()));
            },
            ClickHouseFacts::transaction,
            (w, r) ->
                w.str(r.transactionId())
                    .str(r.orderId())
                    .str(r.userId())
                    .num(r.timestamp())
                    .str(r.status())
                    .str(r.amount().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString())
                    .str(r.currency())
                    .str(r.paymentMethod())
                    .str(r.items())),
        rows,
        provenance);
  }

  @Override
  public synchronized void upsertTickets(List<SupportTicket> rows, Provenance provenance) {
    upsert(
        new Table<>(
            "support_tickets",
            "ticket_id",
            TICKET_COLUMNS,
            SupportTicket::ticketId,
            (a, b) ->
                Integer.compare(rank(TICKET_RANKS, a.status()), rank(TICKET_RANKS, b.status())),
            ClickHouseFacts::ticket,
            (w, r) ->
                w.str(r.ticketId())
                    .str(r.userId())
                    .num(r.createdAt())
                    .num(r.closedAt())
                    .str(r.status())
                    .str(r.channel())
                    .str(r.subject())
                    .num(r.satisfaction())),
        rows,
        provenance);
  }

  @Override
  public synchronized void upsertCatalogue(List<CatalogueItem> rows, Provenance provenance) {
    upsert(
        new Table<>(
            "catalogue_items",
            "product_id",
            PRODUCT_COLUMNS,
            CatalogueItem::productId,
            (a, b) -> Long.compare(a.updatedAt(), b.updatedAt()),
            ClickHouseFacts::product,
            (w, r) ->
                w.str(r.productId())
                    .str(r.name())
                    .str(r.category())
                    .str(r.brand())
                    .str(
                        r.price() == null
                            ? null
                            : r.price().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString())
                    .str(r.currency())
                    .str(r.description())
                    .num(r.updatedAt())),
        rows,
        provenance);
  }

  @Override
  public Optional<Transaction> transaction(String transactionId) {
    return one(table(FactTable.TRANSACTIONS), transactionId, ClickHouseFacts::transaction);
  }

  @Override
  public Optional<SupportTicket> ticket(String ticketId) {
    return one(table(FactTable.SUPPORT_TICKETS), ticketId, ClickHouseFacts::ticket);
  }

  @Override
  public Optional<CatalogueItem> catalogueItem(String productId) {
    return one(table(FactTable.CATALOGUE_ITEMS), productId, ClickHouseFacts::product);
  }

  @Override
  public String lastImportOf(FactTable table, String id) {
    String[] t = table(table);
    List<String[]> rows =
        http.rows(
            "SELECT import_id FROM "
                + t[0]
                + " FINAL WHERE site_id = "
                + site
                + " AND "
                + t[1]
                + " = "
                + Sql.str(id),
            AFTER_MERGE);
    return rows.isEmpty() ? null : rows.get(0)[0];
  }

  /**
   * Rows of the user's, counted by id over every stored version: a version an import superseded but
   * no merge has removed yet still names the person, so it counts until erased.
   */
  @Override
  public long countByUser(FactTable table, Collection<String> userIds) {
    String[] t = personal(table);
    if (userIds.isEmpty()) {
      return 0;
    }
    return Long.parseLong(
        http.rows(
                "SELECT uniqExact("
                    + t[1]
                    + ") FROM "
                    + t[0]
                    + " WHERE user_id IN ("
                    + Sql.strs(userIds)
                    + ")")
            .get(0)[0]);
  }

  /** Deletes with a mutation (identities in a staging table) and waits for it. */
  @Override
  public long deleteByUser(FactTable table, Collection<String> userIds) {
    String[] t = personal(table);
    long found = countByUser(table, userIds);
    if (found > 0) {
      erasure.deleteWhere(
          List.copyOf(userIds), ids -> List.<String[]>of(new String[] {t[0], "user_id IN " + ids}));
    }
    return found;
  }

  private static String[] personal(FactTable table) {
    if (table == FactTable.CATALOGUE_ITEMS) {
      throw new IllegalArgumentException("catalogue_items holds no user data");
    }
    return table(table);
  }

  /** The table's name and key column. */
  private static String[] table(FactTable table) {
    return switch (table) {
      case TRANSACTIONS -> new String[] {"transactions", "transaction_id"};
      case SUPPORT_TICKETS -> new String[] {"support_tickets", "ticket_id"};
      case CATALOGUE_ITEMS -> new String[] {"catalogue_items", "product_id"};
    };
  }

  /** What an upsert needs to know of a table and its rows. */
  private record Table<T>(
      String name,
      String key,
      String columns,
      Function<T, String> id,
      java.util.Comparator<T> order,
      Function<String[], T> read,
      BiConsumer<Tsv.Writer, T> write) {}

  private <T> void upsert(Table<T> t, List<T> rows, Provenance provenance) {
    if (rows.isEmpty()) {
      return;
    }
    Map<String, T> latest = new LinkedHashMap<>();
    for (T row : rows) {
      latest.merge(t.id().apply(row), row, (kept, next) -> wins(t, next, kept) ? next : kept);
    }
    Map<String, T> stored = stored(t, new ArrayList<>(latest.keySet()));
    Tsv.Writer w = new Tsv.Writer(latest.size());
    for (Map.Entry<String, T> e : latest.entrySet()) {
      T current = stored.get(e.getKey());
      if (current == null || wins(t, e.getValue(), current)) {
        w.num(site);
        t.write().accept(w, e.getValue());
        w.str(provenance.importId()).num(provenance.importedAt()).end();
      }
    }
    if (!w.isEmpty()) {
      http.insert(t.name(), "site_id, " + t.columns() + ", import_id, imported_at", w);
    }
  }

  /** The incoming row replaces the kept one: it is later, or as late and different. */
  private static <T> boolean wins(Table<T> t, T incoming, T kept) {
    int c = t.order().compare(incoming, kept);
    return c > 0 || (c == 0 && !Objects.equals(incoming, kept));
  }

  private <T> Map<String, T> stored(Table<T> t, List<String> ids) {
    Map<String, T> out = new HashMap<>();
    for (int from = 0; from < ids.size(); from += IDS_PER_READ) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_READ));
      for (String[] r :
          http.rows(
              "SELECT "
                  + t.columns()
                  + " FROM "
                  + t.name()
                  + " FINAL WHERE site_id = "
                  + site
                  + " AND "
                  + t.key()
                  + " IN ("
                  + Sql.strs(chunk)
                  + ")",
              AFTER_MERGE)) {
        T row = t.read().apply(r);
        out.put(t.id().apply(row), row);
      }
    }
    return out;
  }

  private <T> Optional<T> one(String[] t, String id, Function<String[], T> read) {
    String columns =
        switch (t[0]) {
          case "transactions" -> TRANSACTION_COLUMNS;
          case "support_tickets" -> TICKET_COLUMNS;
          default -> PRODUCT_COLUMNS;
        };
    List<String[]> rows =
        http.rows(
            "SELECT "
                + columns
                + " FROM "
                + t[0]
                + " FINAL WHERE site_id = "
                + site
                + " AND "
                + t[1]
                + " = "
                + Sql.str(id),
            AFTER_MERGE);
    return rows.isEmpty() ? Optional.empty() : Optional.of(read.apply(rows.get(0)));
  }

  private static int rank(Map<String, Integer> order, String status) {
    return order.getOrDefault(status, -1);
  }

  private static Transaction transaction(String[] r) {
    return new Transaction(
        r[0], r[1], r[2], Long.parseLong(r[3]), r[4], money(r[5]), r[6], r[7], r[8]);
  }

  private static SupportTicket ticket(String[] r) {
    return new SupportTicket(
        r[0],
        r[1],
        Long.parseLong(r[2]),
        Rows.longOrNull(r[3]),
        r[4],
        r[5],
        r[6],
        r[7] == null ? null : Integer.valueOf(r[7]));
  }

  private static CatalogueItem product(String[] r) {
    return new CatalogueItem(r[0], r[1], r[2], r[3], money(r[4]), r[5], r[6], Long.parseLong(r[7]));
  }

  /** Decimal(18, 2) as DuckDB's DECIMAL(18, 2) reads: always two decimals. */
  private static BigDecimal money(String s) {
    return s == null ? null : new BigDecimal(s).setScale(2, java.math.RoundingMode.UNNECESSARY);
  }
}
