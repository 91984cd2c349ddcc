package io.waymark.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.EndToEndTest;
import io.waymark.LoopbackReceiver;
import io.waymark.WaymarkClient.Reply;
import io.waymark.platform.WebhookSignature;
import io.waymark.store.AnalyticalStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Daily exports end to end: a day of events exported in each format to a directory and a webhook,
 * the files downloaded and read back with exact rows and values, re-runs, the refusals, roles, and
 * the scheduled 10:00 UTC run driven through the scheduler's tick.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportsIT extends EndToEndTest {

  /** No other test writes events on this UTC day after 14:00. */
  private static final String DAY = "2026-02-28";

  private static final Duration WAIT = Duration.ofSeconds(60);
  private final String tag = UUID.randomUUID().toString().substring(0, 8);
  private final String ann = "exp-ann-" + tag;
  private final String bob = "exp-bob-" + tag;
  private final ObjectMapper json = new ObjectMapper();
  private Path target;
  private String viewerKey;
  private String analystKey;

  @Autowired AnalyticalStore store;
  @Autowired ExportScheduler scheduler;

  @BeforeAll
  void loadADay() throws IOException {
    target = Files.createTempDirectory(EXPORT_ROOT, "target-");
    String events =
        """
        [{"type":"page_view","user_id":"%1$s","page_url":"/exp/home","timestamp":"2026-02-28T15:00:00Z"},
         {"type":"product_view","user_id":"%1$s","product_id":"sku-exp","page_url":"/exp/p","timestamp":"2026-02-28T15:01:00Z"},
         {"type":"add_to_cart","user_id":"%1$s","product_id":"sku-exp","amount":42.5,"currency":"EUR","timestamp":"2026-02-28T15:02:00Z"},
         {"type":"purchase","user_id":"%1$s","order_id":"o-%1$s","amount":42.5,"currency":"EUR","timestamp":"2026-02-28T15:05:00Z"},
         {"type":"page_view","user_id":"%2$s","page_url":"/exp/home","timestamp":"2026-02-28T18:00:00Z"},
         {"type":"search","user_id":"%2$s","search_query":"exp boots","timestamp":"2026-02-28T18:01:00Z"}]
        """
            .formatted(ann, bob);
    Reply sent = collector().post("/api/v1/events", INGEST_KEY, events);
    assertThat(sent.status()).as(sent.raw()).isEqualTo(200);
    advanceStreamTimeOnEveryPartition("2026-03-02T11:59:00Z");
    long from = Instant.parse(DAY + "T00:00:00Z").toEpochMilli();
    long to = from + Duration.ofDays(1).toMillis();
    await().atMost(WAIT).until(() -> store.userEvents(ann, from, to, 100).size() == 4);
    await().atMost(WAIT).until(() -> store.userEvents(bob, from, to, 100).size() == 2);
    await().atMost(WAIT).until(() -> store.userSessions(ann, from, to, 10).size() == 1);
    await().atMost(WAIT).until(() -> store.userSessions(bob, from, to, 10).size() == 1);
    // A read computes the customer's current profile.
    assertThat(api().get("/api/v1/customers/" + ann, ADMIN_KEY).status()).isEqualTo(200);
    viewerKey = key("viewer");
    analystKey = key("analyst");
  }

  private String key(String scope) {
    Reply r =
        api()
            .post(
                "/api/v1/keys",
                ADMIN_KEY,
                "{\"name\":\"exp-%s-%s\",\"scope\":\"%s\"}".formatted(scope, tag, scope));
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
    return r.json().get("secret").asText();
  }

  private JsonNode create(String body) {
    Reply r = api().post("/api/v1/exports", ADMIN_KEY, body);
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
    assertThat(r.header("Location")).isEqualTo("/api/v1/exports/" + r.json().get("id").asText());
    return r.json();
  }

  private JsonNode directoryExport(String label, String format) {
    return create(
        """
        {"name":"exp-%s-%s-%s","datasets":["events","sessions","daily_report","customers"],
         "format":"%s","destination":"directory","directory":"%s"}
        """
            .formatted(label, format, tag, format, target));
  }

  private JsonNode trigger(String exportId, String date, String key) {
    Reply r = api().post("/api/v1/exports/" + exportId + "/runs?date=" + date, key, "");
    assertThat(r.status()).as(r.raw()).isEqualTo(202);
    assertThat(r.json().get("date").asText()).isEqualTo(date);
    return r.json();
  }

  private JsonNode finished(String exportId, String runId) {
    return await()
        .atMost(WAIT)
        .until(
            () -> api().get("/api/v1/exports/" + exportId + "/runs/" + runId, ADMIN_KEY).json(),
            j -> j.get("status").asText().matches("succeeded|failed"));
  }

  private static JsonNode file(JsonNode run, String name) {
    for (JsonNode f : run.get("files")) {
      if (f.get("name").asText().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no file " + name + " in " + run);
  }

  private byte[] download(JsonNode run, String name, String key) throws Exception {
    HttpResponse<byte[]> r = get(file(run, name).get("download").asText(), key);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Disposition").orElse(""))
        .contains("attachment")
        .contains(name);
    return r.body();
  }

  private HttpResponse<byte[]> get(String path, String key) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
          HttpRequest.newBuilder(URI.create(apiUrl() + path))
              .header("Authorization", "Bearer " + key)
              .build(),
          HttpResponse.BodyHandlers.ofByteArray());
    }
  }

  /** Rows of a downloaded file as read by DuckDB (any format), ordered by {@code order}. */
  private static List<List<Object>> read(byte[] bytes, String ext, String select, String order)
      throws Exception {
    Path f = Files.createTempFile("exported-", "." + ext);
    Files.write(f, bytes);
    String source =
        switch (ext) {
          case "parquet" -> "read_parquet('" + f + "')";
          case "csv" -> "read_csv('" + f + "', header = true)";
          default -> "read_json('" + f + "', format = 'newline_delimited')";
        };
    List<List<Object>> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT " + select + " FROM " + source + " ORDER BY " + order)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          row.add(v == null ? null : v.toString());
        }
        rows.add(row);
      }
    } finally {
      Files.deleteIfExists(f);
    }
    return rows;
  }

  @Test
  void exportsADayInEveryFormatToADirectoryWithExactRowsAndValues() throws Exception {
    for (String format : List.of("parquet", "csv", "ndjson")) {
      JsonNode export = directoryExport("all", format);
      String id = export.get("id").asText();
      assertThat(export.get("schedule_time").asText()).isEqualTo("10:00");
      assertThat(export.get("next_run_at").asText()).isEqualTo("2026-03-03T10:00:00Z");
      JsonNode run = finished(id, trigger(id, DAY, ADMIN_KEY).get("id").asText());
      assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
      assertThat(run.get("cause").asText()).isEqualTo("manual");
      assertThat(run.get("files")).hasSize(4);
      assertThat(file(run, "events." + format).get("rows").asLong()).isEqualTo(6);
      assertThat(file(run, "sessions." + format).get("rows").asLong()).isEqualTo(2);
      assertThat(file(run, "daily_report." + format).get("rows").asLong()).isEqualTo(1);
      assertThat(file(run, "customers." + format).get("rows").asLong()).isPositive();
      assertThat(file(run, "events." + format).get("delivery").asText()).isEqualTo("delivered");

      byte[] events = download(run, "events." + format, ADMIN_KEY);
      assertThat(file(run, "events." + format).get("bytes").asLong()).isEqualTo(events.length);
      assertThat(
              read(
                  events,
                  format,
                  "user_key, type, CAST(amount AS VARCHAR), currency, page_url, search_query",
                  "ts"))
          .containsExactly(
              row(ann, "page_view", null, null, "/exp/home", null),
              row(ann, "product_view", null, null, "/exp/p", null),
              row(ann, "add_to_cart", "42.5", "EUR", null, null),
              row(ann, "purchase", "42.5", "EUR", null, null),
              row(bob, "page_view", null, null, "/exp/home", null),
              row(bob, "search", null, null, null, "exp boots"));
      assertThat(
              read(
                  download(run, "sessions." + format, ADMIN_KEY),
                  format,
                  "user_key, CAST(event_count AS VARCHAR), CAST(purchases AS VARCHAR),"
                      + " CAST(duration_seconds AS VARCHAR)",
                  "user_key"))
          .containsExactlyInAnyOrder(row(ann, "4", "1", "300"), row(bob, "2", "0", "60"));
      assertThat(
              read(
                  download(run, "daily_report." + format, ADMIN_KEY),
                  format,
                  "CAST(\"date\" AS VARCHAR), CAST(events AS VARCHAR), CAST(users AS VARCHAR),"
                      + " CAST(orders AS VARCHAR), CAST(sessions AS VARCHAR), revenue",
                  "events"))
          .containsExactly(row(DAY, "6", "2", "1", "2", "{\"EUR\":42.5}"));
      List<List<Object>> customers =
          read(
              download(run, "customers." + format, ADMIN_KEY),
              format,
              "customer_id, CAST(orders AS VARCHAR)",
              "customer_id");
      assertThat(customers).hasSize((int) file(run, "customers." + format).get("rows").asLong());
      assertThat(customers).contains(row(ann, "1"));

      Path delivered = target.resolve("exp-all-" + format + "-" + tag).resolve(DAY);
      assertThat(Files.readAllBytes(delivered.resolve("events." + format))).isEqualTo(events);
      try (var listed = Files.list(delivered)) {
        assertThat(listed.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder(
                "events." + format,
                "sessions." + format,
                "daily_report." + format,
                "customers." + format);
      }
    }
  }

  private static List<Object> row(Object... values) {
    List<Object> out = new ArrayList<>();
    for (Object v : values) {
      out.add(v);
    }
    return out;
  }

  @Test
  void csvCellsThatASpreadsheetWouldRunAsFormulasAreWrittenAsText() throws Exception {
    String user = "=exp-formula-" + tag;
    String hyperlink = "=HYPERLINK(\"http://evil.example\",\"x\")";
    String events =
        """
        [{"type":"page_view","user_id":"%1$s","page_url":"/exp/f","page_name":"%2$s","timestamp":"2026-03-01T20:00:00Z"},
         {"type":"search","user_id":"%1$s","search_query":"+cmd|' /C calc'!A0","timestamp":"2026-03-01T20:01:00Z"},
         {"type":"search","user_id":"%1$s","search_query":"-2+3","timestamp":"2026-03-01T20:02:00Z"},
         {"type":"search","user_id":"%1$s","search_query":"@SUM(1+1)","timestamp":"2026-03-01T20:03:00Z"},
         {"type":"page_view","user_id":"%1$s","page_url":"/exp/g","page_name":"\\tTabbed","timestamp":"2026-03-01T20:04:00Z"},
         {"type":"search","user_id":"%1$s","search_query":"a = b","timestamp":"2026-03-01T20:05:00Z"}]
        """
            .formatted(user, hyperlink.replace("\"", "\\\""));
    Reply sent = collector().post("/api/v1/events", INGEST_KEY, events);
    assertThat(sent.status()).as(sent.raw()).isEqualTo(200);
    long from = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    await()
        .atMost(WAIT)
        .until(() -> store.userEvents(user, from, from + 86_400_000L, 100).size() == 6);

    List<List<Object>> csv = new ArrayList<>();
    List<List<Object>> ndjson = new ArrayList<>();
    for (String format : List.of("csv", "ndjson")) {
      JsonNode export =
          create(
              """
              {"name":"exp-formula-%s-%s","datasets":["events"],"format":"%s",
               "destination":"directory","directory":"%s"}
              """
                  .formatted(format, tag, format, target));
      String id = export.get("id").asText();
      JsonNode run = finished(id, trigger(id, "2026-03-01", ADMIN_KEY).get("id").asText());
      assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
      byte[] bytes = download(run, "events." + format, ADMIN_KEY);
      if (format.equals("csv")) {
        // No cell of the file starts a formula: never = + @ after a separator or at a line start.
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(",=", ",+", ",@", ",\"=", ",\"+", ",\"@");
        assertThat(text.lines()).noneMatch(l -> l.matches("^\"?[=+@-].*"));
      }
      // Both users: the CSV names the user with the apostrophe.
      String where = "user_id IN ('" + user + "', '''" + user + "')";
      (format.equals("csv") ? csv : ndjson)
          .addAll(readWhere(bytes, format, "user_id, page_name, search_query", where, "ts"));
    }
    assertThat(csv)
        .containsExactly(
            row("'" + user, "'" + hyperlink, null),
            row("'" + user, null, "'+cmd|' /C calc'!A0"),
            row("'" + user, null, "'-2+3"),
            row("'" + user, null, "'@SUM(1+1)"),
            row("'" + user, "'\tTabbed", null),
            row("'" + user, null, "a = b"));
    // The other formats keep the values exactly.
    assertThat(ndjson)
        .containsExactly(
            row(user, hyperlink, null),
            row(user, null, "+cmd|' /C calc'!A0"),
            row(user, null, "-2+3"),
            row(user, null, "@SUM(1+1)"),
            row(user, "\tTabbed", null),
            row(user, null, "a = b"));
  }

  /** Rows of a downloaded file (CSV read as text) that match {@code where}. */
  private static List<List<Object>> readWhere(
      byte[] bytes, String ext, String select, String where, String order) throws Exception {
    Path f = Files.createTempFile("exported-", "." + ext);
    Files.write(f, bytes);
    String source =
        ext.equals("csv")
            ? "read_csv('" + f + "', header = true, all_varchar = true)"
            : "read_json('" + f + "', format = 'newline_delimited')";
    List<List<Object>> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT "
                    + select
                    + " FROM "
                    + source
                    + " WHERE "
                    + where
                    + " ORDER BY "
                    + order)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          row.add(v == null ? null : v.toString());
        }
        rows.add(row);
      }
    } finally {
      Files.deleteIfExists(f);
    }
    return rows;
  }

  @Test
  void aReRunReplacesTheDaysFilesAndTheHistoryIsPaged() throws Exception {
    JsonNode export = directoryExport("rerun", "csv");
    String id = export.get("id").asText();
    JsonNode first = finished(id, trigger(id, DAY, ADMIN_KEY).get("id").asText());
    JsonNode second = finished(id, trigger(id, DAY, ADMIN_KEY).get("id").asText());
    assertThat(second.get("status").asText()).isEqualTo("succeeded");
    assertThat(download(second, "events.csv", ADMIN_KEY))
        .isEqualTo(download(first, "events.csv", ADMIN_KEY));
    String text = new String(download(second, "events.csv", ADMIN_KEY), StandardCharsets.UTF_8);
    assertThat(text.lines().filter(l -> l.contains(ann))).hasSize(4);

    JsonNode page = api().get("/api/v1/exports/" + id + "/runs?limit=1", ADMIN_KEY).json();
    assertThat(page.get("items")).hasSize(1);
    assertThat(page.get("items").get(0).get("id").asText()).isEqualTo(second.get("id").asText());
    String token = page.get("next_page_token").asText();
    JsonNode older =
        api().get("/api/v1/exports/" + id + "/runs?limit=1&page_token=" + token, ADMIN_KEY).json();
    assertThat(older.get("items").get(0).get("id").asText()).isEqualTo(first.get("id").asText());
    assertThat(older.has("next_page_token")).isFalse();

    JsonNode listed = api().get("/api/v1/exports/" + id, ADMIN_KEY).json();
    assertThat(listed.get("last_run").get("id").asText()).isEqualTo(second.get("id").asText());
    assertThat(listed.has("webhook_secret")).isFalse();

    assertThat(api().send("DELETE", "/api/v1/exports/" + id, ADMIN_KEY, null).status())
        .isEqualTo(204);
    assertThat(api().get("/api/v1/exports/" + id, ADMIN_KEY).status()).isEqualTo(404);
  }

  @Test
  void postsEachFileToAWebhookSignedAndRetriesAFailure() throws Exception {
    try (LoopbackReceiver receiver = new LoopbackReceiver("/files", 1)) {
      JsonNode export =
          create(
              """
              {"name":"exp-hook-%s","datasets":["events"],"format":"ndjson",
               "destination":"webhook","webhook_url":"%s","schedule_time":"06:30"}
              """
                  .formatted(tag, receiver.url()));
      String secret = export.get("webhook_secret").asText();
      assertThat(secret).startsWith("whsec_");
      String id = export.get("id").asText();
      JsonNode run = finished(id, trigger(id, DAY, ADMIN_KEY).get("id").asText());
      assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
      assertThat(file(run, "events.ndjson").get("attempts").asInt()).isEqualTo(2);
      assertThat(receiver.calls()).hasSize(2);
      assertThat(receiver.calls().get(0).answered()).isEqualTo(500);
      LoopbackReceiver.Call call = receiver.calls().get(1);
      assertThat(call.header("X-Waymark-Signature"))
          .isEqualTo(
              "sha256="
                  + WebhookSignature.sign(secret, call.header("X-Waymark-Timestamp"), call.body()));
      assertThat(call.header("X-Waymark-Timestamp"))
          .isEqualTo(String.valueOf(NOW.getEpochSecond()));
      assertThat(call.header("X-Waymark-File")).isEqualTo("events.ndjson");
      assertThat(call.header("X-Waymark-Date")).isEqualTo(DAY);
      assertThat(call.header("X-Waymark-Rows")).isEqualTo("6");
      assertThat(call.header("Content-Type")).isEqualTo("application/x-ndjson");
      assertThat(call.body()).isEqualTo(download(run, "events.ndjson", ADMIN_KEY));
      List<String> lines = new String(call.body(), StandardCharsets.UTF_8).lines().toList();
      assertThat(lines).hasSize(6);
      JsonNode purchase = json.readTree(lines.get(3));
      assertThat(purchase.get("type").asText()).isEqualTo("purchase");
      assertThat(purchase.get("order_id").asText()).isEqualTo("o-" + ann);
      assertThat(purchase.get("amount").asDouble()).isEqualTo(42.5);
    }
  }

  @Test
  void aWebhookThatKeepsFailingFailsTheRunWithWhatToDo() {
    try (LoopbackReceiver receiver = new LoopbackReceiver("/files", 100)) {
      JsonNode export =
          create(
              """
              {"name":"exp-down-%s","datasets":["daily_report"],"format":"csv",
               "destination":"webhook","webhook_url":"%s"}
              """
                  .formatted(tag, receiver.url()));
      String id = export.get("id").asText();
      JsonNode run = finished(id, trigger(id, DAY, analystKey).get("id").asText());
      assertThat(run.get("status").asText()).isEqualTo("failed");
      assertThat(run.get("error").asText())
          .contains("daily_report.csv")
          .contains("after 3 tries")
          .contains("receiver answered 500")
          .contains("trigger the date again");
      JsonNode f = file(run, "daily_report.csv");
      assertThat(f.get("delivery").asText()).isEqualTo("failed");
      assertThat(f.get("attempts").asInt()).isEqualTo(3);
      assertThat(receiver.calls()).hasSize(3);
      assertThat(management().get("/actuator/prometheus", null).raw())
          .contains(
              "waymark_export_runs_total{application=\"waymark\",export=\"exp-down-"
                  + tag
                  + "\",status=\"failed\"} 1.0");
    }
  }

  @Test
  void refusesBadConfigurationsAndDaysThatAreNotOverNamingTheField() {
    Reply bad =
        api()
            .post(
                "/api/v1/exports",
                ADMIN_KEY,
                "{\"name\":\"has space\",\"datasets\":[\"events\",\"orders\"],\"format\":\"xlsx\","
                    + "\"destination\":\"directory\",\"directory\":\"relative/dir\","
                    + "\"schedule_time\":\"25:00\"}");
    assertThat(bad.status()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    bad.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).containsExactly("name", "datasets", "format", "directory", "schedule_time");
    assertThat(bad.json().get("errors").get(1).get("reason").asText())
        .contains("'orders' is not a dataset");
    Reply noUrl =
        api()
            .post(
                "/api/v1/exports",
                ADMIN_KEY,
                "{\"name\":\"x\",\"datasets\":[\"events\"],\"format\":\"csv\",\"destination\":\"webhook\"}");
    assertThat(noUrl.status()).isEqualTo(400);
    assertThat(noUrl.json().get("errors").get(0).get("field").asText()).isEqualTo("webhook_url");

    String id = directoryExport("bad", "parquet").get("id").asText();
    Reply dup =
        api()
            .post(
                "/api/v1/exports",
                ADMIN_KEY,
                "{\"name\":\"exp-bad-parquet-%s\",\"datasets\":[\"events\"],\"format\":\"csv\",\"destination\":\"directory\",\"directory\":\"%s\"}"
                    .formatted(tag, target));
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.json().get("errors").get(0).get("field").asText()).isEqualTo("name");

    Reply future = api().post("/api/v1/exports/" + id + "/runs?date=2026-03-05", ADMIN_KEY, "");
    assertThat(future.status()).isEqualTo(400);
    assertThat(future.json().get("errors").get(0).get("field").asText()).isEqualTo("date");
    assertThat(future.json().get("message").asText()).contains("is in the future");
    Reply today = api().post("/api/v1/exports/" + id + "/runs?date=2026-03-02", ADMIN_KEY, "");
    assertThat(today.status()).isEqualTo(400);
    assertThat(today.json().get("message").asText()).contains("is not over yet");
    assertThat(api().post("/api/v1/exports/" + id + "/runs?date=yesterday", ADMIN_KEY, "").status())
        .isEqualTo(400);
    assertThat(api().get("/api/v1/exports/nope", ADMIN_KEY).status()).isEqualTo(404);
    assertThat(api().get("/api/v1/exports/" + id + "/runs?limit=0", ADMIN_KEY).status())
        .isEqualTo(400);
  }

  @Test
  void writesOnlyInsideTheAllowedDirectoriesEvenThroughSymbolicLinks() throws Exception {
    Path outside = Files.createTempDirectory("waymark-export-outside-");
    Reply elsewhere =
        api()
            .post(
                "/api/v1/exports",
                ADMIN_KEY,
                """
                {"name":"exp-out-%s","datasets":["events"],"format":"csv",
                 "destination":"directory","directory":"%s"}
                """
                    .formatted(tag, outside));
    assertThat(elsewhere.status()).as(elsewhere.raw()).isEqualTo(400);
    assertThat(elsewhere.json().at("/errors/0/field").asText()).isEqualTo("directory");
    assertThat(elsewhere.json().at("/errors/0/reason").asText())
        .isEqualTo(
            "must be inside one of the allowed directories ["
                + EXPORT_ROOT
                + "] (waymark.exports.directory-roots)");

    Path link = Files.createSymbolicLink(EXPORT_ROOT.resolve("link-" + tag), outside);
    Reply linked =
        api()
            .post(
                "/api/v1/exports",
                ADMIN_KEY,
                """
                {"name":"exp-link-%s","datasets":["events"],"format":"csv",
                 "destination":"directory","directory":"%s"}
                """
                    .formatted(tag, link));
    assertThat(linked.status()).as(linked.raw()).isEqualTo(400);
    assertThat(linked.json().at("/errors/0/reason").asText())
        .startsWith("leads through a symbolic link to " + outside.toRealPath());

    // A link planted after the export was saved is caught when the run writes.
    JsonNode export =
        create(
            """
            {"name":"exp-planted-%s","datasets":["daily_report"],"format":"csv",
             "destination":"directory","directory":"%s"}
            """
                .formatted(tag, target));
    Files.createSymbolicLink(target.resolve("exp-planted-" + tag), outside);
    String id = export.get("id").asText();
    JsonNode run = finished(id, trigger(id, DAY, ADMIN_KEY).get("id").asText());
    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("failed");
    assertThat(run.get("error").asText())
        .contains(
            "cannot write into "
                + target
                + ": it leads through a symbolic link to "
                + outside.toRealPath().resolve(DAY))
        .contains("nothing was written");
    try (var written = Files.walk(outside)) {
      assertThat(written.filter(Files::isRegularFile).toList()).isEmpty();
    }
  }

  @Test
  void refusesAWebhookOnTheServerItselfOrItsCloud() {
    Reply r =
        api()
            .post(
                "/api/v1/exports",
                ADMIN_KEY,
                """
                {"name":"exp-meta-%s","datasets":["events"],"format":"csv",
                 "destination":"webhook","webhook_url":"http://169.254.169.254/latest/meta-data/",
                 "enabled":false}
                """
                    .formatted(tag));
    assertThat(r.status()).as(r.raw()).isEqualTo(400);
    assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("webhook_url");
    assertThat(r.json().at("/errors/0/reason").asText())
        .startsWith("is refused: 169.254.169.254 is a link-local address");
    Reply loopback =
        api()
            .post(
                "/api/v1/exports",
                ADMIN_KEY,
                """
                {"name":"exp-v6-%s","datasets":["events"],"format":"csv",
                 "destination":"webhook","webhook_url":"http://[::1]:9/x"}
                """
                    .formatted(tag));
    assertThat(loopback.json().at("/errors/0/reason").asText())
        .startsWith("is refused: ::1 is a loopback address (::1)");
  }

  @Test
  void viewersAreRefusedAndAnalystsReadTriggerAndDownloadButDoNotEdit() throws Exception {
    String id = directoryExport("roles", "ndjson").get("id").asText();
    assertThat(api().get("/api/v1/exports", viewerKey).status()).isEqualTo(403);
    assertThat(api().post("/api/v1/exports/" + id + "/runs?date=" + DAY, viewerKey, "").status())
        .isEqualTo(403);
    assertThat(api().get("/api/v1/exports", analystKey).status()).isEqualTo(200);
    JsonNode run = finished(id, trigger(id, DAY, analystKey).get("id").asText());
    assertThat(run.get("requested_by").asText()).isEqualTo("key:exp-analyst-" + tag);
    assertThat(download(run, "events.ndjson", analystKey)).isNotEmpty();
    assertThat(get(file(run, "events.ndjson").get("download").asText(), viewerKey).statusCode())
        .isEqualTo(403);
    assertThat(
            api()
                .post(
                    "/api/v1/exports",
                    analystKey,
                    "{\"name\":\"no\",\"datasets\":[\"events\"],\"format\":\"csv\",\"destination\":\"directory\",\"directory\":\"/tmp\"}")
                .status())
        .isEqualTo(403);
    assertThat(api().send("DELETE", "/api/v1/exports/" + id, analystKey, null).status())
        .isEqualTo(403);
    assertThat(api().send("PUT", "/api/v1/exports/" + id, analystKey, "{}").status())
        .isEqualTo(403);
  }

  @Test
  void theScheduledRunStartsWhenTheClockPassesTenUtcAndOnlyOnce() {
    JsonNode export =
        create(
            """
            {"name":"exp-daily-%s","datasets":["daily_report"],"format":"csv",
             "destination":"directory","directory":"%s"}
            """
                .formatted(tag, target));
    String id = export.get("id").asText();
    scheduler.tick(Instant.parse("2026-03-03T09:59:59Z"));
    assertThat(api().get("/api/v1/exports/" + id + "/runs", ADMIN_KEY).json().get("items"))
        .isEmpty();
    scheduler.tick(Instant.parse("2026-03-03T10:00:00Z"));
    scheduler.tick(Instant.parse("2026-03-03T10:00:30Z"));
    JsonNode runs = api().get("/api/v1/exports/" + id + "/runs", ADMIN_KEY).json().get("items");
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).get("cause").asText()).isEqualTo("schedule");
    assertThat(runs.get(0).get("date").asText()).isEqualTo("2026-03-02");
    JsonNode run = finished(id, runs.get(0).get("id").asText());
    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");

    // Disabled or changed to a later time: nothing more for that day.
    Reply put =
        api()
            .send(
                "PUT",
                "/api/v1/exports/" + id,
                ADMIN_KEY,
                """
                {"name":"exp-daily-%s","datasets":["daily_report"],"format":"csv",
                 "destination":"directory","directory":"%s","enabled":false}
                """
                    .formatted(tag, target));
    assertThat(put.status()).as(put.raw()).isEqualTo(200);
    assertThat(put.json().get("enabled").asBoolean()).isFalse();
    assertThat(put.json().has("next_run_at")).isFalse();
    scheduler.tick(Instant.parse("2026-03-04T10:00:00Z"));
    assertThat(api().get("/api/v1/exports/" + id + "/runs", ADMIN_KEY).json().get("items"))
        .hasSize(1);
  }

  @Test
  void theOpenApiDocumentDescribesTheExportEndpoints() {
    JsonNode paths = api().get("/v3/api-docs", null).json().get("paths");
    assertThat(paths.get("/api/v1/exports").has("get")).isTrue();
    assertThat(paths.get("/api/v1/exports").has("post")).isTrue();
    assertThat(paths.get("/api/v1/exports/{id}").has("put")).isTrue();
    assertThat(paths.get("/api/v1/exports/{id}").has("delete")).isTrue();
    assertThat(paths.get("/api/v1/exports/{id}/runs").has("post")).isTrue();
    assertThat(paths.get("/api/v1/exports/{id}/runs").has("get")).isTrue();
    assertThat(paths.has("/api/v1/exports/{id}/runs/{runId}")).isTrue();
    assertThat(paths.has("/api/v1/exports/{id}/runs/{runId}/files/{name}")).isTrue();
  }
}
