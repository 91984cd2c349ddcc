package io.waymark.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.EndToEndTest;
import io.waymark.WaymarkClient.Reply;
import io.waymark.events.Event;
import io.waymark.store.AnalyticalStore;
import io.waymark.store.FactStore;
import io.waymark.store.SupportTicket;
import io.waymark.store.Transaction;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Bulk imports end to end: each of the four files with good and bad rows, exact counts in the job,
 * rows in the store, bad rows in the quarantine with their reasons, idempotent re-imports, and the
 * refusals.
 */
class ImportsIT extends EndToEndTest {

  private static final Instant TEN_DAYS_AGO = NOW.minus(Duration.ofDays(10));

  @Autowired AnalyticalStore store;
  @Autowired FactStore facts;

  private Reply upload(String kind, String body) {
    return api()
        .request(
            "POST",
            "/api/v1/imports?kind=" + kind + "&file_name=test-" + kind,
            body,
            "Authorization",
            "Bearer " + ADMIN_KEY,
            "Content-Type",
            "application/octet-stream");
  }

  private JsonNode imported(String kind, String body) {
    Reply r = upload(kind, body);
    assertThat(r.status()).as(r.raw()).isEqualTo(202);
    String id = r.json().get("id").asText();
    assertThat(r.header("Location")).isEqualTo("/api/v1/imports/" + id);
    assertThat(r.json().get("kind").asText()).isEqualTo(kind);
    assertThat(r.json().get("bytes").asLong())
        .isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
    return finished(id);
  }

  private JsonNode finished(String id) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> api().get("/api/v1/imports/" + id, ADMIN_KEY).json(),
            j -> j.get("status").asText().matches("completed|failed"));
  }

  /** The quarantine records of one import, once there are {@code expected} of them. */
  private List<JsonNode> quarantined(JsonNode job, int expected) {
    return quarantinedFrom(job.get("quarantine_source").asText(), expected);
  }

  private static void counts(JsonNode job, int read, int accepted, int quarantined) {
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
    assertThat(job.get("rows_read").asInt()).isEqualTo(read);
    assertThat(job.get("rows_accepted").asInt()).isEqualTo(accepted);
    assertThat(job.get("rows_quarantined").asInt()).isEqualTo(quarantined);
    assertThat(job.get("percent").asDouble()).isEqualTo(100.0);
    assertThat(job.get("bytes_read").asLong()).isEqualTo(job.get("bytes").asLong());
    assertThat(job.get("errors")).hasSize(quarantined);
  }

  @Test
  void importsClickstreamHistoryAndQuarantinesItsBadRows() {
    String user = "imp-click-" + UUID.randomUUID();
    String withId =
        "{\"event_id\":\"%s\",\"type\":\"page_view\",\"user_id\":\"%s\",\"timestamp\":\"%s\",\"page_url\":\"/old\"}"
            .formatted(UUID.randomUUID(), user, TEN_DAYS_AGO);
    String withoutId =
        "{\"type\":\"product_view\",\"user_id\":\"%s\",\"timestamp\":\"%s\",\"product_id\":\"p-1\"}"
            .formatted(user, TEN_DAYS_AGO.plusSeconds(30));
    String body =
        withId
            + "\n"
            + withoutId
            + "\r\n\n{not json\n"
            + "{\"user_id\":\"%s\",\"timestamp\":\"%s\"}\n".formatted(user, TEN_DAYS_AGO)
            + "{\"type\":\"purchase\",\"user_id\":\"%s\",\"order_id\":\"o-1\",\"amount\":-5,\"currency\":\"EUR\"}\n"
                .formatted(user);
    JsonNode job = imported("clickstream", body);
    counts(job, 5, 2, 3);
    assertThat(job.get("errors").get(0).get("row").asInt()).isEqualTo(4);

    List<Event> stored =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> store.userEvents(user, 0, NOW.toEpochMilli(), 10), l -> l.size() == 2);
    assertThat(stored).extracting(Event::type).containsExactly("page_view", "product_view");
    assertThat(stored.get(0).timestamp()).isEqualTo(TEN_DAYS_AGO.toEpochMilli());

    List<JsonNode> bad = quarantined(job, 3);
    assertThat(bad).extracting(q -> q.get("index").asInt()).containsExactly(4, 5, 6);
    assertThat(bad.get(0).get("payload").asText()).isEqualTo("{not json");
    assertThat(bad.get(0).get("reason").asText()).contains("malformed JSON");
    assertThat(bad.get(1).get("reason").asText()).startsWith("type: is required");
    assertThat(bad.get(2).get("reason").asText()).startsWith("amount: must be between 0");
    assertThat(bad.get(2).get("user_key").asText()).isEqualTo(user);

    JsonNode again = imported("clickstream", body);
    counts(again, 5, 2, 3);
    quarantined(again, 3); // written after the first import's events: the stream has seen those
    assertThat(store.userEvents(user, 0, NOW.toEpochMilli(), 10)).hasSize(2);
    for (JsonNode q : api().get("/api/v1/quarantine?limit=500", ADMIN_KEY).json().get("items")) {
      assertThat(q.path("user_key").asText() + q.get("source").asText())
          .as("imported history is not quarantined as too late")
          .isNotEqualTo(user + "stream:sessions");
    }
  }

  @Test
  void rowsOfAnErasedPersonWhoAskedNotToBeTrackedAreNeitherStoredNorQuarantined() {
    String gone = "imp-gone-" + UUID.randomUUID();
    String kept = "imp-kept-" + UUID.randomUUID();
    Reply erasure =
        api().send("DELETE", "/api/v1/users/" + gone + "?suppress=true", ADMIN_KEY, null);
    assertThat(erasure.status()).as(erasure.raw()).isEqualTo(202);
    String erasureId = erasure.json().get("id").asText();
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> api().get("/api/v1/privacy/erasures/" + erasureId, ADMIN_KEY).json(),
            j -> j.get("status").asText().equals("completed"));

    String row =
        "{\"type\":\"page_view\",\"user_id\":\"%s\",\"timestamp\":\"%s\",\"page_url\":\"/x\"}";
    String body =
        row.formatted(gone, TEN_DAYS_AGO)
            + "\n"
            + "{\"user_id\":\"%s\",\"timestamp\":\"%s\"}\n".formatted(gone, TEN_DAYS_AGO)
            + row.formatted(kept, TEN_DAYS_AGO)
            + "\n";
    JsonNode job = imported("clickstream", body);
    counts(job, 3, 1, 2);
    for (JsonNode e : job.get("errors")) {
      assertThat(e.get("field").asText()).isEqualTo("user_id");
      assertThat(e.get("reason").asText()).startsWith("not stored: this person was erased");
    }
    assertThat(job.toString()).doesNotContain(gone);

    String csv =
        "transaction_id,order_id,user_id,timestamp,status,amount,currency,payment_method,items\n"
            + "tg-%1$s,o-1,%1$s,2026-02-01T10:00:00Z,completed,1.00,EUR,card,\n".formatted(gone)
            + "tk-%1$s,o-2,%1$s,2026-02-01T10:00:00Z,completed,1.00,EUR,card,\n".formatted(kept);
    JsonNode txns = imported("transactions", csv);
    counts(txns, 2, 1, 1);
    assertThat(txns.toString()).doesNotContain(gone);
    String tickets =
        "[{\"ticket_id\":\"tk-%s\",\"user_id\":\"%s\",\"created_at\":\"2026-02-01T10:00:00Z\",\"status\":\"open\"}]"
            .formatted(gone, gone);
    counts(imported("tickets", tickets), 1, 0, 1);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> store.userEvents(kept, 0, NOW.toEpochMilli(), 10).size() == 1);
    assertThat(store.userEvents(gone, 0, NOW.toEpochMilli(), 10)).isEmpty();
    assertThat(facts.countByUser(FactStore.FactTable.TRANSACTIONS, List.of(gone))).isZero();
    assertThat(facts.countByUser(FactStore.FactTable.TRANSACTIONS, List.of(kept))).isEqualTo(1);
    assertThat(facts.countByUser(FactStore.FactTable.SUPPORT_TICKETS, List.of(gone))).isZero();
    assertThat(api().get("/api/v1/quarantine?limit=500", ADMIN_KEY).raw()).doesNotContain(gone);
    assertThat(vault.holds(gone)).isFalse();
  }

  @Test
  void importsTransactionsCsvWithQuotedFieldsAndQuarantinesBadRows() {
    String u = "imp-txn-" + UUID.randomUUID();
    String t1 = "t1-" + u;
    String t2 = "t2-" + u;
    String csv =
        "transaction_id,order_id,user_id,timestamp,status,amount,currency,payment_method,items\r\n"
            + t1
            + ",o-1,"
            + u
            + ",2026-02-01T10:00:00Z,completed,19.90,EUR,\"card, \"\"visa\"\"\",p-1:2;p-2:1\r\n"
            + t2
            + ",o-2,"
            + u
            + ",2026-02-02T10:00:00.5+01:00,refunded,5,USD,\"pay\r\npal\",\r\n"
            + ",o-3,"
            + u
            + ",2026-02-03T10:00:00Z,completed,1.00,EUR,card,\r\n"
            + "t4-"
            + u
            + ",o-4,"
            + u
            + ",yesterday,completed,1.00,EUR,card,\r\n"
            + "t5-"
            + u
            + ",o-5,"
            + u
            + ",2026-02-03T10:00:00Z,completed,-1.00,EUR,card,\r\n"
            + "t6-"
            + u
            + ",o-6,"
            + u
            + ",2026-02-03T10:00:00Z,lost,1.00,EUR,card,\r\n"
            + "t7-"
            + u
            + ",o-7,"
            + u
            + ",2026-02-03T10:00:00Z,completed,1.00,EURO,card,\r\n"
            + "t8-"
            + u
            + ",o\"8,"
            + u
            + ",2026-02-03T10:00:00Z,completed,1.00,EUR,card,\r\n"
            + "t9-"
            + u
            + ",o-9\r\n";
    JsonNode job = imported("transactions", csv);
    counts(job, 9, 2, 7);

    Transaction first = facts.transaction(t1).orElseThrow();
    assertThat(first.paymentMethod()).isEqualTo("card, \"visa\"");
    assertThat(first.amount()).isEqualByComparingTo(new BigDecimal("19.90"));
    assertThat(first.items()).isEqualTo("p-1:2;p-2:1");
    Transaction second = facts.transaction(t2).orElseThrow();
    assertThat(second.paymentMethod()).isEqualTo("pay\r\npal");
    assertThat(second.timestamp())
        .isEqualTo(Instant.parse("2026-02-02T09:00:00.5Z").toEpochMilli());
    assertThat(second.items()).isNull();

    List<JsonNode> bad = quarantined(job, 7);
    assertThat(bad).extracting(q -> q.get("index").asInt()).containsExactly(5, 6, 7, 8, 9, 10, 11);
    assertThat(bad)
        .extracting(q -> q.get("reason").asText().split(":")[0])
        .containsExactly(
            "transaction_id", "timestamp", "amount", "status", "currency", "row", "row");
    assertThat(bad.get(5).get("reason").asText()).contains("unparseable CSV: a quote inside");
    assertThat(bad.get(6).get("reason").asText()).contains("has 2 fields; the header has 9");
    assertThat(bad.get(1).get("payload").asText()).contains("yesterday");

    JsonNode again = imported("transactions", csv);
    counts(again, 9, 2, 7);
    assertThat(facts.lastImportOf(FactStore.FactTable.TRANSACTIONS, t1))
        .isEqualTo(job.get("id").asText());
    assertThat(facts.countByUser(FactStore.FactTable.TRANSACTIONS, List.of(u))).isEqualTo(2);
  }

  @Test
  void importsTheCatalogueAndUpdatesAProductOnlyWithALaterVersion() {
    String p = "imp-prod-" + UUID.randomUUID();
    String file =
        """
        [
          {"product_id": "%1$s-a", "name": "Mug", "category": "kitchen", "price": 9.5,
           "currency": "EUR", "updated_at": "2026-01-10T08:00:00Z"},
          {"product_id": "%1$s-b", "name": "Pan", "category": "kitchen", "brand": "Acme",
           "description": "A pan", "updated_at": "2026-01-11T08:00:00Z"},
          {"name": "No id", "category": "x", "updated_at": "2026-01-11T08:00:00Z"},
          {"product_id": "%1$s-d", "name": "Cheap", "category": "x", "price": -1,
           "currency": "EUR", "updated_at": "2026-01-11T08:00:00Z"},
          {"product_id": "%1$s-e", "name": "Late", "category": "x", "updated_at": "soon"},
          42,
          {"product_id": "%1$s-g", "name": "Odd", "category": "x", "colour": "red",
           "updated_at": "2026-01-11T08:00:00Z"}
        ]
        """
            .formatted(p);
    JsonNode job = imported("catalogue", file);
    counts(job, 7, 2, 5);
    assertThat(facts.catalogueItem(p + "-a").orElseThrow().price())
        .isEqualByComparingTo(new BigDecimal("9.50"));
    assertThat(facts.catalogueItem(p + "-b").orElseThrow().brand()).isEqualTo("Acme");
    List<JsonNode> bad = quarantined(job, 5);
    assertThat(bad)
        .extracting(q -> q.get("reason").asText().split(":")[0])
        .containsExactly("product_id", "price", "updated_at", "row", "colour");
    assertThat(bad.get(3).get("payload").asText()).isEqualTo("42");

    String older =
        "[{\"product_id\": \"%s-a\", \"name\": \"Old mug\", \"category\": \"kitchen\",".formatted(p)
            + " \"updated_at\": \"2026-01-01T08:00:00Z\"}]";
    counts(imported("catalogue", older), 1, 1, 0);
    assertThat(facts.catalogueItem(p + "-a").orElseThrow().name()).isEqualTo("Mug");
  }

  @Test
  void importsSupportTicketsAndALaterStateWins() {
    String u = "imp-tkt-" + UUID.randomUUID();
    String file =
        """
        [
          {"ticket_id": "%1$s-1", "user_id": "%1$s", "created_at": "2026-02-01T10:00:00Z",
           "closed_at": null, "status": "open", "channel": "email", "subject": "Where is it?",
           "satisfaction": null},
          {"ticket_id": "%1$s-2", "user_id": "%1$s", "created_at": "2026-02-01T10:00:00Z",
           "closed_at": "2026-02-02T10:00:00Z", "status": "closed", "channel": "chat",
           "subject": "Refund", "satisfaction": 4},
          {"ticket_id": "%1$s-3", "user_id": "%1$s", "created_at": "2026-02-01T10:00:00Z",
           "status": "escalated"},
          {"ticket_id": "%1$s-4", "user_id": "%1$s", "created_at": "2026-02-01T10:00:00Z",
           "status": "closed"},
          {"ticket_id": "%1$s-5", "user_id": "%1$s", "created_at": "2026-02-01T10:00:00Z",
           "closed_at": "2026-02-02T10:00:00Z", "status": "closed", "satisfaction": 9},
          {"ticket_id": "%1$s-6", "created_at": "2026-02-01T10:00:00Z", "status": "open"}
        ]
        """
            .formatted(u);
    JsonNode job = imported("tickets", file);
    counts(job, 6, 2, 4);
    List<JsonNode> bad = quarantined(job, 4);
    assertThat(bad)
        .extracting(q -> q.get("reason").asText().split(":")[0])
        .containsExactly("status", "closed_at", "satisfaction", "user_id");

    String closed =
        "[{\"ticket_id\": \"%1$s-1\", \"user_id\": \"%1$s\", \"created_at\": \"2026-02-01T10:00:00Z\","
                .formatted(u)
            + " \"closed_at\": \"2026-02-03T10:00:00Z\", \"status\": \"closed\"}]";
    counts(imported("tickets", closed), 1, 1, 0);
    counts(imported("tickets", file), 6, 2, 4);
    SupportTicket t = facts.ticket(u + "-1").orElseThrow();
    assertThat(t.status()).isEqualTo("closed");
    assertThat(facts.countByUser(FactStore.FactTable.SUPPORT_TICKETS, List.of(u))).isEqualTo(2);
  }

  @Test
  void failsAJobWhoseJsonBreaksOffAndKeepsTheRowsBefore() {
    String p = "imp-broken-" + UUID.randomUUID();
    String file =
        "[{\"product_id\": \"%s\", \"name\": \"Kept\", \"category\": \"x\", \"updated_at\": \"2026-01-01T00:00:00Z\"}, {\"product_id\": "
            .formatted(p);
    JsonNode job = imported("catalogue", file);
    assertThat(job.get("status").asText()).isEqualTo("failed");
    assertThat(job.get("failure").asText()).contains("malformed JSON").contains("after element 1");
    assertThat(job.get("rows_accepted").asInt()).isEqualTo(1);
    assertThat(facts.catalogueItem(p)).isPresent();
  }

  @Test
  void acceptsAMultipartUploadFromTheBrowser() throws Exception {
    String u = "imp-form-" + UUID.randomUUID();
    String csv =
        "transaction_id,order_id,user_id,timestamp,status,amount,currency,payment_method,items\n"
            + "tf-"
            + u
            + ",o-1,"
            + u
            + ",2026-02-01T10:00:00Z,completed,3.50,EUR,card,p-1:1\n";
    String boundary = "----waymark" + UUID.randomUUID();
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\ntransactions\r\n"
            + "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"shop/transactions.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n"
            + csv
            + "\r\n--"
            + boundary
            + "--\r\n";
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(apiUrl() + "/api/v1/imports"))
                    .header("Authorization", "Bearer " + ADMIN_KEY)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode started = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
    assertThat(started.get("file_name").asText()).isEqualTo("transactions.csv");
    counts(finished(started.get("id").asText()), 1, 1, 0);
    assertThat(facts.transaction("tf-" + u)).isPresent();
  }

  @Test
  void refusesABadKindAnEmptyBodyAndAnOversizeFileWithClearErrors() {
    Reply bad = upload("orders", "[]");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("kind");
    assertThat(bad.json().get("message").asText())
        .contains("one of clickstream, transactions, catalogue, tickets");

    Reply missing =
        api().request("POST", "/api/v1/imports", "[]", "Authorization", "Bearer " + ADMIN_KEY);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("errors").get(0).get("field").asText()).isEqualTo("kind");

    Reply empty = upload("catalogue", "");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().get("message").asText()).startsWith("body: is empty");

    Reply big = upload("clickstream", "x".repeat(1024 * 1024 + 1));
    assertThat(big.status()).isEqualTo(413);
    assertThat(big.json().get("message").asText()).contains("waymark.imports.max-file-size");

    Reply form =
        api()
            .request(
                "POST",
                "/api/v1/imports?kind=catalogue",
                "[]",
                "Authorization",
                "Bearer " + ADMIN_KEY,
                "Content-Type",
                "application/x-www-form-urlencoded");
    assertThat(form.status()).isEqualTo(415);
    assertThat(form.json().get("message").asText()).contains("application/octet-stream");

    assertThat(api().get("/api/v1/imports/nope", ADMIN_KEY).status()).isEqualTo(404);
    assertThat(api().get("/api/v1/imports?limit=0", ADMIN_KEY).status()).isEqualTo(400);
  }

  @Test
  void refusesAViewerAndAllowsAnAnalyst() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    account("imp-viewer-" + suffix, "viewer");
    account("imp-analyst-" + suffix, "analyst");
    Reply viewer = basicUpload("imp-viewer-" + suffix);
    assertThat(viewer.status()).isEqualTo(403);
    assertThat(
            api()
                .request(
                    "GET", "/api/v1/imports", null, "Authorization", basic("imp-viewer-" + suffix))
                .status())
        .isEqualTo(403);
    Reply analyst = basicUpload("imp-analyst-" + suffix);
    assertThat(analyst.status()).as(analyst.raw()).isEqualTo(202);
    JsonNode done = finished(analyst.json().get("id").asText());
    assertThat(done.get("created_by").asText()).isEqualTo("imp-analyst-" + suffix);
  }

  @Test
  void listsImportsNewestFirstPageByPage() {
    String first = imported("catalogue", "[]").get("id").asText();
    String second = imported("catalogue", "[]").get("id").asText();
    JsonNode page = api().get("/api/v1/imports?limit=1", ADMIN_KEY).json();
    assertThat(page.get("items").get(0).get("id").asText()).isEqualTo(second);
    JsonNode next =
        api()
            .get(
                "/api/v1/imports?limit=1&page_token=" + page.get("next_page_token").asText(),
                ADMIN_KEY)
            .json();
    assertThat(next.get("items").get(0).get("id").asText()).isEqualTo(first);
  }

  @Test
  void documentsTheEndpointsAndCountsRowsByKindAndOutcome() {
    JsonNode paths = api().get("/v3/api-docs", null).json().get("paths");
    assertThat(paths.has("/api/v1/imports")).isTrue();
    assertThat(paths.get("/api/v1/imports").has("post")).isTrue();
    assertThat(paths.get("/api/v1/imports").has("get")).isTrue();
    assertThat(paths.has("/api/v1/imports/{id}")).isTrue();

    double before = quarantinedCatalogueRows();
    counts(imported("catalogue", "[{\"product_id\": \"m\"}, 7]"), 2, 0, 2);
    assertThat(quarantinedCatalogueRows()).isEqualTo(before + 2);
  }

  private double quarantinedCatalogueRows() {
    String metrics = management().get("/actuator/prometheus", null).raw();
    return metrics
        .lines()
        .filter(l -> l.startsWith("waymark_import_rows_total{"))
        .filter(l -> l.contains("kind=\"catalogue\"") && l.contains("outcome=\"quarantined\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow();
  }

  private void account(String username, String role) {
    Reply r =
        api()
            .post(
                "/api/v1/accounts",
                ADMIN_KEY,
                "{\"username\":\"%s\",\"password\":\"long-enough-password\",\"role\":\"%s\"}"
                    .formatted(username, role));
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
  }

  private static String basic(String username) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":long-enough-password").getBytes(StandardCharsets.UTF_8));
  }

  private Reply basicUpload(String username) {
    return api()
        .request(
            "POST",
            "/api/v1/imports?kind=catalogue",
            "[]",
            "Authorization",
            basic(username),
            "Content-Type",
            "application/json");
  }
}
