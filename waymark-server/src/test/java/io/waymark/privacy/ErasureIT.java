package io.waymark.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.EndToEndTest;
import io.waymark.WaymarkClient.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A user is loaded into every place Waymark keeps data (the log, the stream state, sessions, the
 * 7-day profile, alerts, quarantine, identity links), erased over HTTP, and then looked for: by
 * query through the API and byte by byte in every file of the data directory.
 */
class ErasureIT extends EndToEndTest {

  private final String tag = UUID.randomUUID().toString().substring(0, 8);
  private final String user = "erase-me-" + tag;
  private final String anon = "anon-erase-" + tag;
  private final String other = "keep-me-" + tag;
  private final String secretPage = "/gift-for-" + tag;
  private final String secretSearch = "ring size " + tag;
  // Delivered copies are outside the data directory, and outside an erasure's reach (privacy.md).
  private static final Path EXPORT_TARGET = exportTarget();
  private final String secretTicket = "parcel never came " + tag;

  private void send(String body) {
    Reply r = collector().post("/api/v1/events", INGEST_KEY, body);
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
  }

  private void loadEverywhere() {
    send(
        """
        [{"type":"page_view","anonymous_id":"%2$s","page_url":"%3$s","timestamp":"2026-03-01T08:00:00Z","context":{"ip":"203.0.113.77"}},
         {"type":"search","anonymous_id":"%2$s","search_query":"%4$s","timestamp":"2026-03-01T08:01:00Z"},
         {"type":"page_view","user_id":"%1$s","anonymous_id":"%2$s","page_url":"/account","timestamp":"2026-03-01T08:02:00Z"},
         {"type":"payment_failed","user_id":"%1$s","order_id":"o-%1$s","amount":10,"currency":"EUR","timestamp":"2026-03-01T08:03:00Z"},
         {"type":"payment_failed","user_id":"%1$s","order_id":"o-%1$s","amount":10,"currency":"EUR","timestamp":"2026-03-01T08:04:00Z"},
         {"type":"payment_failed","user_id":"%1$s","order_id":"o-%1$s","amount":10,"currency":"EUR","timestamp":"2026-03-01T08:05:00Z"},
         {"type":"payment_failed","user_id":"%1$s","order_id":"o-%1$s","amount":10,"currency":"EUR","timestamp":"2026-03-01T08:06:00Z"},
         {"type":"page_view","user_id":"%5$s","page_url":"/keep-%6$s","timestamp":"2026-03-01T08:00:00Z"}]
        """
            .formatted(user, anon, secretPage, secretSearch, other, tag));
    // Refused input that names the user: a bad field, and a body that is not even JSON.
    Reply bad =
        collector()
            .post(
                "/api/v1/events",
                INGEST_KEY,
                "{\"type\":\"page_view\",\"user_id\":\"%s\",\"page_url\":\"%s\",\"timestamp\":\"soon\"}"
                    .formatted(user, secretPage));
    assertThat(bad.status()).isEqualTo(400);
    Reply broken =
        collector()
            .post(
                "/api/v1/events",
                INGEST_KEY,
                "{\"type\":\"page_view\",\"user_id\":\"%s\",\"page_url\":\"%s\""
                    .formatted(user, secretPage));
    assertThat(broken.status()).isEqualTo(400);
    advanceStreamTimeOnEveryPartition("2026-03-02T11:59:00Z");
    // Imported facts: two payments and a support ticket.
    imported(
        "transactions",
        """
        transaction_id,order_id,user_id,timestamp,status,amount,currency,payment_method,items
        t1-%1$s,o1-%1$s,%2$s,2026-02-20T10:00:00Z,completed,120.00,EUR,card,sku-1:1
        t2-%1$s,o2-%1$s,%2$s,2026-02-21T10:00:00Z,refunded,40.00,EUR,card,sku-2:1
        """
            .formatted(tag, user));
    imported(
        "tickets",
        """
        [{"ticket_id":"k-%1$s","user_id":"%2$s","created_at":"2026-02-22T09:00:00Z",
          "closed_at":null,"status":"open","channel":"email","subject":"%3$s","satisfaction":null}]
        """
            .formatted(tag, user, secretTicket));
    // A reviewer's decision on the refused event.
    String refused = bad.json().get("errors").get(0).get("quarantine_id").asText();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api().get("/api/v1/quarantine/" + refused, ADMIN_KEY).status() == 200);
    Reply discarded =
        api()
            .send(
                "POST",
                "/api/v1/quarantine/" + refused + "/discard",
                ADMIN_KEY,
                "{\"reason\":\"reviewed: test traffic\"}");
    assertThat(discarded.status()).as(discarded.raw()).isEqualTo(200);
  }

  /**
   * Exports 1 March (the user's events, sessions and customer profile) in each format to a folder
   * outside the data directory, and returns the three finished runs.
   */
  private List<JsonNode> exportTheDay() {
    List<JsonNode> runs = new ArrayList<>();
    for (String format : List.of("parquet", "csv", "ndjson")) {
      Reply created =
          api()
              .post(
                  "/api/v1/exports",
                  ADMIN_KEY,
                  """
                  {"name":"erasure-%s-%s","datasets":["events","sessions","customers","daily_report"],
                   "format":"%s","destination":"directory","directory":"%s"}
                  """
                      .formatted(format, tag, format, EXPORT_TARGET));
      assertThat(created.status()).as(created.raw()).isEqualTo(201);
      String exportId = created.json().get("id").asText();
      Reply run =
          api().post("/api/v1/exports/" + exportId + "/runs?date=2026-03-01", ADMIN_KEY, "");
      assertThat(run.status()).as(run.raw()).isEqualTo(202);
      String path = "/api/v1/exports/" + exportId + "/runs/" + run.json().get("id").asText();
      JsonNode done =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> get(path), j -> j.get("status").asText().matches("succeeded|failed"));
      assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
      runs.add(done);
    }
    return runs;
  }

  private String download(JsonNode run, String name) {
    for (JsonNode f : run.get("files")) {
      if (f.get("name").asText().equals(name)) {
        Reply r = api().get(f.get("download").asText(), ADMIN_KEY);
        assertThat(r.status()).isEqualTo(200);
        return r.raw();
      }
    }
    throw new AssertionError("no file " + name + " in " + run);
  }

  private void imported(String kind, String body) {
    Reply r =
        api()
            .request(
                "POST",
                "/api/v1/imports?kind=" + kind,
                body,
                "Authorization",
                "Bearer " + ADMIN_KEY,
                "Content-Type",
                "application/octet-stream");
    assertThat(r.status()).as(r.raw()).isEqualTo(202);
    String id = r.json().get("id").asText();
    JsonNode job =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> get("/api/v1/imports/" + id),
                j -> j.get("status").asText().matches("completed|failed"));
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
    assertThat(job.get("rows_quarantined").asLong()).isZero();
  }

  private JsonNode get(String path) {
    return api().get(path, ADMIN_KEY).json();
  }

  /** The number of items a list answers, or -1 when it does not answer 200. */
  private int items(String path) {
    Reply r = api().get(path, ADMIN_KEY);
    return r.status() == 200 && r.json().has("items") ? r.json().get("items").size() : -1;
  }

  private long quarantinedMentioning(String id) {
    JsonNode items = get("/api/v1/quarantine?limit=500").get("items");
    long n = 0;
    for (JsonNode i : items) {
      if (i.toString().contains(id)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void erasesAUserEverywhereAndProvesNothingReadableRemains() {
    loadEverywhere();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(items("/api/v1/users/" + user + "/events?limit=100")).isEqualTo(7);
              assertThat(items("/api/v1/users/" + user + "/sessions?from=2026-03-01&to=2026-03-02"))
                  .isGreaterThanOrEqualTo(1);
              assertThat(items("/api/v1/alerts?user_id=" + user)).isGreaterThanOrEqualTo(1);
              assertThat(quarantinedMentioning(user)).isEqualTo(2);
              assertThat(api().get("/v1/user/" + user, ADMIN_KEY).status()).isEqualTo(200);
              Reply customer = api().get("/api/v1/customers/" + user, ADMIN_KEY);
              assertThat(customer.status()).isEqualTo(200);
              assertThat(customer.json().get("profile").get("tickets_open").asInt()).isEqualTo(1);
              assertThat(customer.json().get("profile").get("refunds").asInt()).isEqualTo(1);
            });
    assertThat(vault.holds(user)).isTrue();
    assertThat(vault.holds(anon)).isTrue();
    List<JsonNode> exported = exportTheDay();
    assertThat(download(exported.get(1), "events.csv")).contains(user, anon, secretPage, other);

    Reply started = api().send("DELETE", "/api/v1/users/" + user, ADMIN_KEY, null);
    assertThat(started.status()).as(started.raw()).isEqualTo(202);
    String id = started.json().get("id").asText();
    assertThat(started.header("Location")).isEqualTo("/api/v1/privacy/erasures/" + id);
    assertThat(started.json().get("user_id").asText()).isEqualTo(user);
    // Asking again while it runs returns the same request.
    Reply again = api().send("DELETE", "/v1/user/" + user, ADMIN_KEY, null);
    if (!again.json().get("status").asText().equals("completed")) {
      assertThat(again.json().get("id").asText()).isEqualTo(id);
    }

    JsonNode done = awaitFinished(id);
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
    JsonNode report = done.get("report");
    assertThat(report.get("verified").asBoolean()).isTrue();
    assertThat(report.get("identities").asInt()).isEqualTo(2);
    Map<String, JsonNode> holders = new HashMap<>();
    report.get("holders").forEach(h -> holders.put(h.get("name").asText(), h));
    assertThat(holders.get("store.events").get("found").asLong()).isEqualTo(7);
    assertThat(holders.get("store.events").get("deleted").asLong()).isEqualTo(7);
    assertThat(holders.get("store.quarantine").get("deleted").asLong()).isEqualTo(2);
    assertThat(holders.get("store.identity_links").get("deleted").asLong()).isEqualTo(1);
    assertThat(holders.get("store.sessions").get("deleted").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(holders.get("alerts").get("deleted").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(holders.get("stream.user_state").get("found").asLong()).isEqualTo(2);
    assertThat(holders.get("vault.subject_keys").get("deleted").asLong()).isEqualTo(2);
    assertThat(holders.get("store.transactions").get("deleted").asLong()).isEqualTo(2);
    assertThat(holders.get("store.support_tickets").get("deleted").asLong()).isEqualTo(1);
    assertThat(holders.get("customers.versions").get("deleted").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(holders.get("store.insight_users").get("deleted").asLong())
        .isGreaterThanOrEqualTo(1);
    assertThat(holders.get("metadata.quarantine_decisions").get("deleted").asLong())
        .isGreaterThanOrEqualTo(1);
    // Three formats, each with the user's events (7), session(s) and customer profile(s).
    assertThat(holders.get("exports.files").get("found").asLong()).isGreaterThanOrEqualTo(3 * 9);
    assertThat(holders.get("exports.files").get("deleted").asLong())
        .isEqualTo(holders.get("exports.files").get("found").asLong());
    holders.values().forEach(h -> assertThat(h.get("remaining").asLong()).isZero());
    // The kept files are rewritten without the user; the other user's rows stay.
    for (JsonNode run : exported) {
      String ext = run.get("files").get(0).get("name").asText().replaceAll(".*\\.", "");
      if (!ext.equals("parquet")) {
        assertThat(download(run, "events." + ext))
            .contains(other)
            .doesNotContain(user)
            .doesNotContain(anon)
            .doesNotContain(secretPage);
        assertThat(download(run, "sessions." + ext)).doesNotContain(user).doesNotContain(anon);
        assertThat(download(run, "customers." + ext)).doesNotContain(user).doesNotContain(anon);
      }
    }

    // By query: nothing of the user, everything of the other user.
    assertThat(api().get("/api/v1/users/" + user + "/events", ADMIN_KEY).status()).isEqualTo(404);
    assertThat(api().get("/api/v1/users/" + anon + "/events", ADMIN_KEY).status()).isEqualTo(404);
    assertThat(api().get("/v1/user/" + user, ADMIN_KEY).status()).isEqualTo(404);
    assertThat(api().get("/api/v1/customers/" + user, ADMIN_KEY).status()).isEqualTo(404);
    assertThat(get("/api/v1/alerts?user_id=" + user).get("items")).isEmpty();
    assertThat(quarantinedMentioning(user)).isZero();
    assertThat(get("/api/v1/users?q=" + user).toString()).doesNotContain(user);
    assertThat(get("/api/v1/users/" + other + "/events").get("items")).hasSize(1);
    assertThat(vault.holds(other)).isTrue();

    // By scanning every file Waymark wrote: the Kafka log and the stream's state are sealed with
    // the destroyed keys; the metadata database's file (H2, which keeps old row versions in free
    // pages) was rewritten after the request forgot the id and the alert rows were deleted.
    List<String> found =
        scan(List.of(user, anon, secretPage, secretSearch, secretTicket, "203.0.113.77"), null);
    assertThat(found).as("files still holding the user's data or id").isEmpty();

    // The audit record survives, naming the user by pseudonym only, and is found by the user id.
    JsonNode audit = get("/api/v1/privacy/erasures?user=" + user);
    JsonNode record = audit.get("requests").get(0);
    assertThat(record.get("id").asText()).isEqualTo(id);
    assertThat(record.get("requested_by").asText()).isEqualTo("key:initial admin key");
    assertThat(record.get("user_pseudonym").asText()).isEqualTo(vault.pseudonym(user));
    assertThat(record.has("user_id")).isFalse();
    assertThat(audit.toString())
        .doesNotContain(user)
        .doesNotContain(secretPage)
        .doesNotContain(anon);

    // Erasing again is safe and finds nothing.
    Reply second = api().send("DELETE", "/api/v1/users/" + user, ADMIN_KEY, null);
    JsonNode secondDone = awaitFinished(second.json().get("id").asText());
    assertThat(secondDone.get("status").asText()).isEqualTo("completed");
    secondDone
        .get("report")
        .get("holders")
        .forEach(h -> assertThat(h.get("found").asLong()).as(h.toString()).isZero());
  }

  @Test
  void withSuppressionLaterEventsAreAcceptedButNotRecordedWithoutTheyStartANewHistory() {
    String quiet = "suppressed-" + tag;
    String fresh = "fresh-start-" + tag;
    String event = "{\"type\":\"click\",\"user_id\":\"%s\",\"timestamp\":\"%s\"}";
    send("[" + event.formatted(quiet, "2026-03-02T09:00:00Z") + "]");
    send("[" + event.formatted(fresh, "2026-03-02T09:00:00Z") + "]");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api().get("/api/v1/users/" + fresh + "/events", ADMIN_KEY).status() == 200);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api().get("/api/v1/users/" + quiet + "/events", ADMIN_KEY).status() == 200);
    String q =
        api()
            .send("DELETE", "/api/v1/users/" + quiet + "?suppress=true", ADMIN_KEY, null)
            .json()
            .get("id")
            .asText();
    String f =
        api().send("DELETE", "/api/v1/users/" + fresh, ADMIN_KEY, null).json().get("id").asText();
    assertThat(awaitFinished(q).get("suppress").asBoolean()).isTrue();
    awaitFinished(f);

    send("[" + event.formatted(quiet, "2026-03-02T10:00:00Z") + "]");
    send("[" + event.formatted(fresh, "2026-03-02T10:00:00Z") + "]");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api().get("/api/v1/users/" + fresh + "/events", ADMIN_KEY).status() == 200);
    assertThat(get("/api/v1/users/" + fresh + "/events").get("items")).hasSize(1);
    assertThat(api().get("/api/v1/users/" + quiet + "/events", ADMIN_KEY).status()).isEqualTo(404);
    assertThat(vault.holds(quiet)).isFalse();
  }

  @Test
  void onlyAdminsEraseAndBadRequestsAreExplained() {
    Reply key =
        api()
            .post(
                "/api/v1/keys",
                ADMIN_KEY,
                "{\"name\":\"analyst " + tag + "\",\"scope\":\"analyst\"}");
    String analyst = key.json().get("secret").asText();
    assertThat(api().send("DELETE", "/api/v1/users/x-" + tag, analyst, null).status())
        .isEqualTo(403);
    assertThat(api().send("DELETE", "/v1/user/x-" + tag, analyst, null).status()).isEqualTo(403);
    assertThat(api().get("/api/v1/privacy/erasures", analyst).status()).isEqualTo(403);
    assertThat(api().send("DELETE", "/api/v1/users/x-" + tag, null, null).status()).isEqualTo(401);

    Reply missing = api().get("/api/v1/privacy/erasures/no-such-request", ADMIN_KEY);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.raw()).contains("no erasure request no-such-request");
    Reply tooLong = api().send("DELETE", "/api/v1/users/" + "x".repeat(300), ADMIN_KEY, null);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.raw()).contains("user_id").contains("at most 256");
    Reply badLimit = api().get("/api/v1/privacy/erasures?limit=0", ADMIN_KEY);
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.raw()).contains("limit");
    Reply badBefore = api().get("/api/v1/privacy/erasures?before=yesterday", ADMIN_KEY);
    assertThat(badBefore.status()).isEqualTo(400);
    assertThat(badBefore.raw()).contains("before");
  }

  @Test
  void theOpenApiDocumentDescribesTheErasureEndpoints() {
    JsonNode paths = api().get("/v3/api-docs", null).json().get("paths");
    assertThat(paths.get("/api/v1/users/{id}").has("delete")).isTrue();
    assertThat(paths.get("/v1/user/{user_id}").has("delete")).isTrue();
    for (String p :
        List.of(
            "/api/v1/privacy/erasures",
            "/api/v1/privacy/erasures/{id}",
            "/api/v1/privacy/erasures/{id}/retry")) {
      assertThat(paths.has(p)).as("OpenAPI documents %s", p).isTrue();
    }
  }

  private JsonNode awaitFinished(String id) {
    return await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> get("/api/v1/privacy/erasures/" + id),
            j ->
                j.get("status").asText().equals("completed")
                    || j.get("status").asText().equals("failed"));
  }

  private static Path exportTarget() {
    try {
      return Files.createTempDirectory(EXPORT_ROOT, "erasure-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Files under the data directory (except {@code skip}) whose bytes contain any of the needles.
   */
  private static List<String> scan(List<String> needles, Path skip) {
    List<String> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(DATA_DIR)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (skip != null && DATA_DIR.relativize(f).startsWith(skip)) {
          continue;
        }
        byte[] bytes;
        try {
          bytes = Files.readAllBytes(f);
        } catch (IOException gone) {
          continue; // a segment deleted while we walked
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        for (String n : needles) {
          if (text.contains(n)) {
            hits.add(DATA_DIR.relativize(f) + " contains " + n);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return hits;
  }
}
