package io.waymark.generator.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.generator.cli.Options;
import io.waymark.generator.event.EventModelRules;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesCommandTest {

  private static final Instant NOV_22_2026_NOON = Instant.parse("2026-11-22T12:00:00Z");
  private static final Instant THIRTY_DAYS_EARLIER = NOV_22_2026_NOON.minus(Duration.ofDays(30));
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir static Path dir;
  private static String printed;
  private static final List<JsonNode> events = new ArrayList<>();
  private static final Set<String> userIds = new HashSet<>();
  private static final Set<String> productIds = new HashSet<>();
  private static final Map<String, BigDecimal> orderAmounts = new HashMap<>();

  @BeforeAll
  static void writeFiles() throws Exception {
    printed = write(dir, "7");
    for (String line : Files.readAllLines(dir.resolve("clickstream.json"))) {
      JsonNode e = MAPPER.readTree(line);
      events.add(e);
      if (e.has("user_id")) {
        userIds.add(e.get("user_id").asText());
      }
      if (e.has("product_id")) {
        productIds.add(e.get("product_id").asText());
      }
      if (e.has("order_id")) {
        orderAmounts.put(e.get("order_id").asText(), e.get("amount").decimalValue());
      }
    }
  }

  static String write(Path out, String seed) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    List<String> args =
        List.of("--out", out.toString(), "--events", "20000", "--users", "300", "--seed", seed);
    int code =
        FilesCommand.run(
            Options.parse("files", args, FilesCommand.OPTIONS),
            new PrintStream(printed, true, StandardCharsets.UTF_8),
            System.err,
            Clock.fixed(NOV_22_2026_NOON, ZoneOffset.UTC));
    assertThat(code).isZero();
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsWhatWasWritten() {
    assertThat(printed)
        .contains("clickstream.json  20000 events")
        .contains("catalogue.json  500 products")
        .contains("transactions.csv")
        .contains("support_tickets.json");
  }

  @Test
  void clickstreamHoldsValidEventsSpreadOverThePeriod() {
    assertThat(events).hasSize(20_000);
    events.forEach(EventModelRules::assertValid);
    Instant first = Instant.parse(events.get(0).get("timestamp").asText());
    Instant last = Instant.parse(events.get(events.size() - 1).get("timestamp").asText());
    assertThat(first)
        .isAfterOrEqualTo(THIRTY_DAYS_EARLIER)
        .isBefore(THIRTY_DAYS_EARLIER.plus(Duration.ofDays(1)));
    assertThat(last).isBefore(NOV_22_2026_NOON).isAfter(NOV_22_2026_NOON.minus(Duration.ofDays(5)));
  }

  @Test
  void transactionsReferToOrdersUsersAndProductsOfTheClickstream() throws Exception {
    List<List<String>> rows = Csv.parse(Files.readString(dir.resolve("transactions.csv")));

    assertThat(String.join(",", rows.get(0))).isEqualTo(BulkWriters.TRANSACTIONS_HEADER);
    List<List<String>> data = rows.subList(1, rows.size());
    assertThat(data).hasSizeGreaterThan(50);
    Set<String> statuses = new HashSet<>();
    for (List<String> row : data) {
      assertThat(row).hasSize(9);
      assertThat(orderAmounts).containsEntry(row.get(1), new BigDecimal(row.get(5)));
      assertThat(userIds).contains(row.get(2));
      Instant.parse(row.get(3));
      assertThat(row.get(6)).isEqualTo("EUR");
      for (String item : row.get(8).split(";")) {
        assertThat(productIds).contains(item.split(":")[0]);
        assertThat(Integer.parseInt(item.split(":")[1])).isPositive();
      }
      statuses.add(row.get(4));
    }
    assertThat(statuses).containsExactlyInAnyOrder("completed", "failed", "refunded");
  }

  @Test
  void catalogueListsEveryProductOfTheClickstream() throws Exception {
    JsonNode catalogue = MAPPER.readTree(dir.resolve("catalogue.json").toFile());

    assertThat(catalogue).hasSize(500);
    Set<String> ids = new HashSet<>();
    for (JsonNode p : catalogue) {
      ids.add(p.get("product_id").asText());
      assertThat(p.get("name").asText()).isNotBlank();
      assertThat(p.get("category").asText()).isNotBlank();
      assertThat(p.get("brand").asText()).isNotBlank();
      assertThat(p.get("price").decimalValue()).isPositive();
      assertThat(p.get("currency").asText()).isEqualTo("EUR");
      assertThat(p.get("description").asText()).isNotBlank();
      assertThat(Instant.parse(p.get("updated_at").asText())).isBefore(THIRTY_DAYS_EARLIER);
    }
    assertThat(ids).containsAll(productIds);
    assertThat(catalogue.findValuesAsText("category").stream().distinct()).hasSize(12);
  }

  @Test
  void supportTicketsBelongToCustomersOfTheClickstream() throws Exception {
    JsonNode tickets = MAPPER.readTree(dir.resolve("support_tickets.json").toFile());

    assertThat(tickets).hasSizeGreaterThan(5);
    for (JsonNode t : tickets) {
      assertThat(t.get("ticket_id").asText()).startsWith("tkt-");
      assertThat(userIds).contains(t.get("user_id").asText());
      Instant created = Instant.parse(t.get("created_at").asText());
      assertThat(created).isBetween(THIRTY_DAYS_EARLIER, NOV_22_2026_NOON);
      String status = t.get("status").asText();
      assertThat(status).isIn("open", "pending", "closed");
      assertThat(t.get("channel").asText()).isIn("email", "chat", "phone");
      assertThat(t.get("subject").asText()).isNotBlank();
      assertThat(t.get("closed_at").isNull()).isEqualTo(!status.equals("closed"));
      if (!t.get("closed_at").isNull()) {
        assertThat(Instant.parse(t.get("closed_at").asText())).isAfter(created);
      }
      if (!t.get("satisfaction").isNull()) {
        assertThat(status).isEqualTo("closed");
        assertThat(t.get("satisfaction").asInt()).isBetween(1, 5);
      }
    }
  }

  @Test
  void theSameSeedWritesTheSameFiles(@TempDir Path again) throws Exception {
    write(again, "7");

    for (String file :
        List.of("clickstream.json", "transactions.csv", "catalogue.json", "support_tickets.json")) {
      assertThat(Files.mismatch(dir.resolve(file), again.resolve(file))).as(file).isEqualTo(-1);
    }
  }

  @Test
  void csvFieldsWithCommasQuotesOrLineBreaksAreQuoted() {
    assertThat(BulkWriters.csvField("plain")).isEqualTo("plain");
    assertThat(BulkWriters.csvField("a,b")).isEqualTo("\"a,b\"");
    assertThat(BulkWriters.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(BulkWriters.csvField("two\nlines")).isEqualTo("\"two\nlines\"");
  }
}
