package io.waymark.generator.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.generator.event.EventJson;
import io.waymark.generator.shop.Catalogue;
import io.waymark.generator.shop.Product;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Writes transactions.csv, catalogue.json and support_tickets.json. */
final class BulkWriters {

  static final String TRANSACTIONS_HEADER =
      "transaction_id,order_id,user_id,timestamp,status,amount,currency,payment_method,items";

  private final ObjectMapper mapper;

  BulkWriters(ObjectMapper mapper) {
    this.mapper = mapper.copy().enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** RFC 4180: CRLF line ends, fields with commas, quotes or line breaks in double quotes. */
  void transactions(Path file, List<Transaction> transactions) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(TRANSACTIONS_HEADER + "\r\n");
      for (Transaction t : transactions) {
        w.write(
            Stream.of(
                    t.transactionId(),
                    t.orderId(),
                    t.userId(),
                    EventJson.TIME.format(t.timestamp()),
                    t.status(),
                    t.amount().toPlainString(),
                    t.currency(),
                    t.paymentMethod(),
                    t.items())
                .map(BulkWriters::csvField)
                .collect(Collectors.joining(",")));
        w.write("\r\n");
      }
    }
  }

  /** The products; each was last updated some days before {@code before}. */
  void catalogue(Path file, Catalogue catalogue, Instant before) throws IOException {
    ArrayNode array = mapper.createArrayNode();
    List<Product> products = catalogue.products();
    for (int i = 0; i < products.size(); i++) {
      Product p = products.get(i);
      ObjectNode n = array.addObject();
      n.put("product_id", p.productId());
      n.put("name", p.name());
      n.put("category", p.category().name());
      n.put("brand", p.brand());
      n.put("price", p.price());
      n.put("currency", Product.CURRENCY);
      n.put("description", p.description());
      Instant updated = before.minus(Duration.ofDays(1 + i % 90)).minusSeconds(i * 613L % 86_400);
      n.put("updated_at", EventJson.TIME.format(updated));
    }
    mapper.writeValue(file.toFile(), array);
  }

  void tickets(Path file, List<Ticket> tickets) throws IOException {
    ArrayNode array = mapper.createArrayNode();
    for (Ticket t : tickets) {
      ObjectNode n = array.addObject();
      n.put("ticket_id", t.ticketId());
      n.put("user_id", t.userId());
      n.put("created_at", EventJson.TIME.format(t.createdAt()));
      n.put("closed_at", t.closedAt() == null ? null : EventJson.TIME.format(t.closedAt()));
      n.put("status", t.status());
      n.put("channel", t.channel());
      n.put("subject", t.subject());
      n.put("satisfaction", t.satisfaction());
    }
    mapper.writeValue(file.toFile(), array);
  }

  static String csvField(String value) {
    if (value == null) {
      return "";
    }
    if (value.contains(",")
        || value.contains("\"")
        || value.contains("\n")
        || value.contains("\r")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
