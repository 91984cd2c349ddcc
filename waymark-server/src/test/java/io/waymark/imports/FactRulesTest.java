package io.waymark.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.events.QuarantinedItem.Problem;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FactRulesTest {

  private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private final FactRules rules = new FactRules(Clock.fixed(NOW, ZoneOffset.UTC));

  private static List<String> txn(String... overrides) {
    List<String> f =
        new ArrayList<>(
            Arrays.asList(
                "t-1",
                "o-1",
                "ann",
                "2026-02-01T10:00:00Z",
                "completed",
                "19.90",
                "EUR",
                "card",
                "p-1:2"));
    for (int i = 0; i + 1 < overrides.length; i += 2) {
      f.set(FactRules.TRANSACTION_COLUMNS.indexOf(overrides[i]), overrides[i + 1]);
    }
    return f;
  }

  private static List<String> fields(List<Problem> problems) {
    return problems.stream().map(Problem::field).toList();
  }

  @Test
  void acceptsAGoodTransaction() {
    var c = rules.transaction(txn());
    assertThat(c.problems()).isEmpty();
    assertThat(c.row().amount()).isEqualTo(new BigDecimal("19.90"));
    assertThat(c.row().timestamp()).isEqualTo(Instant.parse("2026-02-01T10:00:00Z").toEpochMilli());
  }

  @Test
  void reportsEveryBrokenFieldOfATransactionAtOnce() {
    var c =
        rules.transaction(
            txn(
                "transaction_id",
                "",
                "timestamp",
                "1.2.2026",
                "status",
                "lost",
                "amount",
                "-1",
                "currency",
                "eur",
                "items",
                "p-1"));
    assertThat(c.row()).isNull();
    assertThat(fields(c.problems()))
        .containsExactly("transaction_id", "timestamp", "status", "amount", "currency", "items");
    assertThat(c.userKey()).isEqualTo("ann");
  }

  @Test
  void refusesAmountsWithMoreThanTwoDecimalsTextAmountsAndUnknownCurrencies() {
    assertThat(rules.transaction(txn("amount", "1.005")).problems().get(0).reason())
        .contains("more than two decimals");
    assertThat(rules.transaction(txn("amount", "ten")).problems())
        .extracting(Problem::reason)
        .containsExactly("must be a decimal number like 19.90, got \"ten\"");
    assertThat(rules.transaction(txn("currency", "XYZ")).problems().get(0).reason())
        .isEqualTo("is not an ISO-4217 currency: XYZ");
    assertThat(rules.transaction(txn("amount", "")).problems().get(0).reason())
        .isEqualTo("is required");
  }

  @Test
  void refusesTimesInTheFutureAndWithoutAZone() {
    assertThat(
            rules.transaction(txn("timestamp", "2026-03-03T00:00:00Z")).problems().get(0).reason())
        .contains("is in the future");
    assertThat(
            rules.transaction(txn("timestamp", "2026-02-01T10:00:00")).problems().get(0).reason())
        .contains("must be ISO-8601 with a zone offset");
  }

  @Test
  void refusesATransactionWithTheWrongNumberOfFields() {
    var c = rules.transaction(List.of("t-1", "o-1"));
    assertThat(c.problems()).containsExactly(new Problem("row", "has 2 fields; the header has 9"));
  }

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void checksTicketStatesAndTheirCloseTimes() throws Exception {
    String base = "\"ticket_id\":\"k\",\"user_id\":\"ann\",\"created_at\":\"2026-02-01T10:00:00Z\"";
    assertThat(rules.ticket(json("{" + base + ",\"status\":\"open\"}")).problems()).isEmpty();
    assertThat(fields(rules.ticket(json("{" + base + ",\"status\":\"closed\"}")).problems()))
        .containsExactly("closed_at");
    assertThat(
            rules
                .ticket(
                    json(
                        "{"
                            + base
                            + ",\"status\":\"open\",\"closed_at\":\"2026-02-02T10:00:00Z\"}"))
                .problems()
                .get(0)
                .reason())
        .contains("only closed tickets close");
    assertThat(
            fields(
                rules
                    .ticket(
                        json(
                            "{"
                                + base
                                + ",\"status\":\"closed\",\"closed_at\":\"2026-01-01T00:00:00Z\","
                                + "\"satisfaction\":2.5}"))
                    .problems()))
        .containsExactly("satisfaction", "closed_at");
    assertThat(
            fields(rules.ticket(json("{" + base + ",\"status\":\"open\",\"extra\":1}")).problems()))
        .containsExactly("extra");
    assertThat(fields(rules.ticket(json("[1]")).problems())).containsExactly("row");
  }

  @Test
  void checksProductsAndRequiresACurrencyWithAPrice() throws Exception {
    var ok =
        rules.product(
            json(
                "{\"product_id\":\"p\",\"name\":\"Mug\",\"category\":\"kitchen\",\"price\":9.5,"
                    + "\"currency\":\"EUR\",\"updated_at\":\"2026-01-01T00:00:00Z\"}"));
    assertThat(ok.row().price()).isEqualTo(new BigDecimal("9.50"));
    var bad =
        rules.product(
            json(
                "{\"product_id\":7,\"name\":\"Mug\",\"category\":\"kitchen\",\"price\":9.5,"
                    + "\"updated_at\":\"2026-01-01T00:00:00Z\"}"));
    assertThat(bad.problems())
        .containsExactly(
            new Problem("product_id", "must be a string, got number"),
            new Problem("currency", "is required (ISO-4217, e.g. EUR)"));
  }
}
