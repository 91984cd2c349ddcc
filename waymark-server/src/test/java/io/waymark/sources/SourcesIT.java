package io.waymark.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.waymark.EndToEndTest;
import io.waymark.WaymarkClient.Reply;
import io.waymark.store.FactStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Connected sources end to end, against a real HTTP server on the loopback interface: a run by hand
 * and a scheduled run import a catalogue with bad records (exact counts, rows in the store, bad
 * rows in the quarantine), and every way a fetch fails ends as a failed run with a message that
 * says what to do.
 */
class SourcesIT extends EndToEndTest {

  private static final String SECRET = "Bearer remote-secret-" + UUID.randomUUID();
  private static HttpServer remote;
  private static final AtomicInteger catalogueHits = new AtomicInteger();
  private static volatile String prefix = "src-prod-" + UUID.randomUUID();

  @Autowired FactStore facts;
  @Autowired SourceScheduler scheduler;
  @Autowired Sources sources;

  @BeforeAll
  static void startRemote() throws IOException {
    remote = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    remote.setExecutor(Executors.newCachedThreadPool());
    remote.createContext(
        "/catalogue.json",
        x -> {
          catalogueHits.incrementAndGet();
          answer(x, 200, catalogue(prefix));
        });
    remote.createContext(
        "/private.json",
        x -> {
          boolean ok = SECRET.equals(x.getRequestHeaders().getFirst("Authorization"));
          answer(x, ok ? 200 : 401, ok ? catalogue(prefix + "-private") : "{\"error\":\"who?\"}");
        });
    remote.createContext("/big.json", x -> answer(x, 200, "[" + " ".repeat(70 * 1024) + "]"));
    remote.createContext(
        "/slow.json",
        x -> {
          try {
            Thread.sleep(5_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          answer(x, 200, "[]");
        });
    remote.createContext("/moved.json", x -> redirect(x, "http://[::1]:9/latest/meta-data/iam/"));
    remote.createContext("/moved-local.json", x -> redirect(x, localOnly() + "/admin"));
    remote.createContext(
        "/login",
        x -> {
          x.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          answer(x, 200, "<html><body>Internal admin: token=s3cret</body></html>");
        });
    remote.createContext(
        "/banner.txt", x -> answer(x, 200, "Welcome to the intranet\nuser: root\n"));
    remote.createContext("/", x -> answer(x, 404, "not here"));
    remote.start();
  }

  @AfterAll
  static void stopRemote() {
    remote.stop(0);
    if (localOnly != null) {
      localOnly.stop(0);
    }
  }

  /** A server on 127.0.0.2, an address Waymark may not reach here: it must never be called. */
  private static HttpServer localOnly;

  private static final List<String> localOnlyCalls =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private static synchronized String localOnly() throws IOException {
    if (localOnly == null) {
      localOnly = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
      localOnly.createContext(
          "/",
          x -> {
            localOnlyCalls.add(x.getRequestURI().toString());
            answer(x, 200, "[]");
          });
      localOnly.start();
    }
    return "http://127.0.0.2:" + localOnly.getAddress().getPort();
  }

  private static void redirect(HttpExchange x, String to) throws IOException {
    x.getResponseHeaders().add("Location", to);
    x.sendResponseHeaders(302, -1);
    x.close();
  }

  private static void answer(HttpExchange x, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(status, bytes.length);
    try (var out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Three good products and two bad records (row 3: no product_id; row 5: a negative price). */
  private static String catalogue(String p) {
    return """
        [
          {"product_id": "%1$s-a", "name": "Mug", "category": "kitchen", "price": 9.5,
           "currency": "EUR", "updated_at": "2026-01-10T08:00:00Z"},
          {"product_id": "%1$s-b", "name": "Pan", "category": "kitchen",
           "updated_at": "2026-01-11T08:00:00Z"},
          {"name": "No id", "category": "x", "updated_at": "2026-01-11T08:00:00Z"},
          {"product_id": "%1$s-c", "name": "Pot", "category": "kitchen",
           "updated_at": "2026-01-11T08:00:00Z"},
          {"product_id": "%1$s-d", "name": "Cheap", "category": "x", "price": -1,
           "currency": "EUR", "updated_at": "2026-01-11T08:00:00Z"}
        ]
        """
        .formatted(p);
  }

  private static String remoteUrl(String path) {
    return "http://127.0.0.1:" + remote.getAddress().getPort() + path;
  }

  private Reply create(String body) {
    return api().post("/api/v1/sources", ADMIN_KEY, body);
  }

  private JsonNode created(String body) {
    Reply r = create(body);
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
    assertThat(r.header("Location")).isEqualTo("/api/v1/sources/" + r.json().get("id").asText());
    return r.json();
  }

  private static String httpSource(String name, String url) {
    return "{\"name\":\"%s\",\"kind\":\"catalogue\",\"url\":\"%s\",\"interval_minutes\":60}"
        .formatted(name, url);
  }

  private JsonNode runNow(String sourceId) {
    Reply r = api().post("/api/v1/sources/" + sourceId + "/run", ADMIN_KEY, "");
    assertThat(r.status()).as(r.raw()).isEqualTo(202);
    // A fast failure may already have ended the run when the answer is written.
    assertThat(r.json().get("status").asText()).isIn("running", "completed", "failed");
    assertThat(r.header("Location"))
        .isEqualTo("/api/v1/sources/" + sourceId + "/runs/" + r.json().get("id").asText());
    return r.json();
  }

  private JsonNode ended(String sourceId, String runId) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> api().get("/api/v1/sources/" + sourceId + "/runs/" + runId, ADMIN_KEY).json(),
            j -> !j.get("status").asText().equals("running"));
  }

  private JsonNode ranNow(String sourceId) {
    return ended(sourceId, runNow(sourceId).get("id").asText());
  }

  private static void counts(JsonNode run, int read, int accepted, int quarantined) {
    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
    assertThat(run.get("rows_read").asInt()).isEqualTo(read);
    assertThat(run.get("rows_accepted").asInt()).isEqualTo(accepted);
    assertThat(run.get("rows_quarantined").asInt()).isEqualTo(quarantined);
    assertThat(run.get("percent").asDouble()).isEqualTo(100.0);
    assertThat(run.hasNonNull("error")).isFalse();
  }

  private static String failure(JsonNode run) {
    assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("failed");
    assertThat(run.hasNonNull("finished_at")).isTrue();
    return run.get("error").asText();
  }

  @Test
  void runsACatalogueSourceNowAndQuarantinesItsBadRecordsWithTheirRowNumbers() throws Exception {
    prefix = "src-prod-" + UUID.randomUUID();
    JsonNode source = created(httpSource("Shop catalogue " + prefix, remoteUrl("/catalogue.json")));
    String id = source.get("id").asText();
    assertThat(source.get("kind").asText()).isEqualTo("catalogue");
    assertThat(source.get("next_run_at").asText()).isEqualTo(NOW.plusSeconds(3600).toString());
    assertThat(source.hasNonNull("last_run")).isFalse();

    JsonNode run = ranNow(id);
    counts(run, 5, 3, 2);
    assertThat(run.get("files").asInt()).isEqualTo(1);
    assertThat(run.get("bytes").asLong())
        .isEqualTo(catalogue(prefix).getBytes(StandardCharsets.UTF_8).length);
    assertThat(run.get("triggered_by").asText()).startsWith("key:");
    assertThat(facts.catalogueItem(prefix + "-a")).isPresent();
    assertThat(facts.catalogueItem(prefix + "-c")).isPresent();
    assertThat(facts.catalogueItem(prefix + "-d")).isEmpty();

    // The import it fed is an ordinary import job, listed with the others.
    JsonNode fed = run.get("imports").get(0);
    JsonNode job = api().get("/api/v1/imports/" + fed.get("import_id").asText(), ADMIN_KEY).json();
    assertThat(job.get("kind").asText()).isEqualTo("catalogue");
    assertThat(job.get("file_name").asText()).isEqualTo("catalogue.json");
    assertThat(job.get("created_by").asText()).startsWith("source:Shop catalogue");
    assertThat(job.get("errors")).extracting(e -> e.get("row").asInt()).containsExactly(3, 5);

    List<JsonNode> bad = quarantinedFrom(fed.get("quarantine_source").asText(), 2);
    assertThat(bad).extracting(q -> q.get("index").asInt()).containsExactly(3, 5);
    assertThat(bad.get(0).get("reason").asText()).startsWith("product_id");
    assertThat(bad.get(1).get("reason").asText()).startsWith("price");

    JsonNode listed = api().get("/api/v1/sources/" + id, ADMIN_KEY).json();
    assertThat(listed.get("last_run").get("id").asText()).isEqualTo(run.get("id").asText());
    assertThat(listed.get("running").asBoolean()).isFalse();
    assertThat(Files.list(DATA_DIR.resolve("sources")).toList())
        .as("fetched files are not kept")
        .isEmpty();

    JsonNode again = ranNow(id); // idempotent: the same products, updated in place
    counts(again, 5, 3, 2);
    JsonNode history = api().get("/api/v1/sources/" + id + "/runs?limit=1", ADMIN_KEY).json();
    assertThat(history.get("items").get(0).get("id").asText()).isEqualTo(again.get("id").asText());
    JsonNode older =
        api()
            .get(
                "/api/v1/sources/"
                    + id
                    + "/runs?limit=1&page_token="
                    + history.get("next_page_token").asText(),
                ADMIN_KEY)
            .json();
    assertThat(older.get("items").get(0).get("id").asText()).isEqualTo(run.get("id").asText());
    assertThat(older.hasNonNull("next_page_token")).isFalse();
  }

  @Test
  void sendsTheAuthorizationHeaderButNeverShowsIt() {
    prefix = "src-auth-" + UUID.randomUUID();
    String body =
        "{\"name\":\"Private %s\",\"kind\":\"catalogue\",\"url\":\"%s\",\"auth_header\":\"%s\",\"daily_at\":\"10:00\"}"
            .formatted(prefix, remoteUrl("/private.json"), SECRET);
    Reply r = create(body);
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
    assertThat(r.raw()).doesNotContain(SECRET).doesNotContain("remote-secret");
    assertThat(r.json().get("auth_header_set").asBoolean()).isTrue();
    assertThat(r.json().get("daily_at").asText()).isEqualTo("10:00");
    assertThat(r.json().get("next_run_at").asText()).isEqualTo("2026-03-03T10:00:00Z");
    String id = r.json().get("id").asText();
    counts(ranNow(id), 5, 3, 2);
    assertThat(api().get("/api/v1/sources", ADMIN_KEY).raw()).doesNotContain("remote-secret");

    // A replace without auth_header keeps it; "" removes it, and the remote refuses.
    String replaced =
        "{\"name\":\"Private %s\",\"kind\":\"catalogue\",\"url\":\"%s\",\"daily_at\":\"10:00\"}"
            .formatted(prefix, remoteUrl("/private.json"));
    Reply kept = api().send("PUT", "/api/v1/sources/" + id, ADMIN_KEY, replaced);
    assertThat(kept.status()).as(kept.raw()).isEqualTo(200);
    assertThat(kept.json().get("auth_header_set").asBoolean()).isTrue();
    Reply removed =
        api()
            .send(
                "PUT",
                "/api/v1/sources/" + id,
                ADMIN_KEY,
                replaced.replace("\"daily_at\"", "\"auth_header\":\"\",\"daily_at\""));
    assertThat(removed.json().get("auth_header_set").asBoolean()).isFalse();
    assertThat(failure(ranNow(id)))
        .contains("Private " + prefix)
        .contains("answered HTTP 401")
        .contains("authorization header");
  }

  @Test
  void failsARunWithAMessageWhenTheRemoteAnswers404() {
    JsonNode s = created(httpSource("Missing " + UUID.randomUUID(), remoteUrl("/nothing.json")));
    String error = failure(ranNow(s.get("id").asText()));
    assertThat(error)
        .startsWith("source \"Missing ")
        .contains("GET " + remoteUrl("/nothing.json") + " answered HTTP 404")
        .contains("check the source's URL");
    JsonNode listed = api().get("/api/v1/sources/" + s.get("id").asText(), ADMIN_KEY).json();
    assertThat(listed.get("last_run").get("status").asText()).isEqualTo("failed");
  }

  @Test
  void failsARunWhenNothingListensOnThePort() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    JsonNode s =
        created(
            httpSource(
                "Unreachable " + UUID.randomUUID(), "http://127.0.0.1:" + closed + "/c.json"));
    assertThat(failure(ranNow(s.get("id").asText())))
        .contains("could not connect to 127.0.0.1:" + closed)
        .contains("connection refused");
  }

  @Test
  void failsARunWhoseFileIsLargerThanTheLimit() {
    JsonNode s = created(httpSource("Big " + UUID.randomUUID(), remoteUrl("/big.json")));
    assertThat(failure(ranNow(s.get("id").asText())))
        .contains("larger than the limit of 65536 bytes (waymark.sources.max-body-size)");
  }

  @Test
  void failsASlowRunAtTheTimeoutAndRefusesASecondRunMeanwhile() {
    JsonNode s = created(httpSource("Slow " + UUID.randomUUID(), remoteUrl("/slow.json")));
    String id = s.get("id").asText();
    JsonNode first = runNow(id);
    Reply second = api().post("/api/v1/sources/" + id + "/run", ADMIN_KEY, "");
    assertThat(second.status()).as(second.raw()).isEqualTo(409);
    assertThat(second.json().get("errors").get(0).get("reason").asText()).contains("is running");
    assertThat(api().send("DELETE", "/api/v1/sources/" + id, ADMIN_KEY, null).status())
        .isEqualTo(409);
    assertThat(failure(ended(id, first.get("id").asText())))
        .contains("no complete answer within 2 s (waymark.sources.timeout)");
    assertThat(api().send("DELETE", "/api/v1/sources/" + id, ADMIN_KEY, null).status())
        .isEqualTo(204);
    assertThat(api().get("/api/v1/sources/" + id, ADMIN_KEY).status()).isEqualTo(404);
  }

  @Test
  void refusesUrlsOfTheServerItselfItsCloudAndItsNetworkWithoutSendingAnything()
      throws IOException {
    for (String url :
        List.of(
            "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/catalogue.json",
            localOnly() + "/catalogue.json",
            "http://[::1]:8080/x")) {
      // Disabled: even if the check failed, nothing would ever run it.
      Reply r =
          create(
              httpSource("Blocked " + UUID.randomUUID(), url).replace("}", ",\"enabled\":false}"));
      assertThat(r.status()).as(url + ": " + r.raw()).isEqualTo(400);
      assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("url");
      assertThat(r.json().at("/errors/0/reason").asText())
          .startsWith("is refused: ")
          .endsWith("unless waymark.outbound.allowed-networks allows it");
    }
    assertThat(
            create(
                    httpSource("Metadata " + UUID.randomUUID(), "http://169.254.169.254/x")
                        .replace("}", ",\"enabled\":false}"))
                .json()
                .at("/errors/0/reason")
                .asText())
        .isEqualTo(
            "is refused: 169.254.169.254 is a link-local address (169.254.0.0/16, where cloud"
                + " metadata services answer); Waymark sends no requests there unless"
                + " waymark.outbound.allowed-networks allows it");
    assertThat(localOnlyCalls).isEmpty();
  }

  /**
   * Redirects lead only to loopback addresses outside the allow-list, so even a broken guard would
   * send nothing off the machine; other ranges are refused before any connection (test above).
   */
  @Test
  void failsARunRedirectedToARefusedAddressAndSaysWhy() throws IOException {
    String metadata =
        failure(
            ranNow(
                created(httpSource("Moved " + UUID.randomUUID(), remoteUrl("/moved.json")))
                    .get("id")
                    .asText()));
    assertThat(metadata)
        .contains(
            "GET "
                + remoteUrl("/moved.json")
                + ": redirected to http://[::1]:9/latest/meta-data/iam/: ::1 is a loopback address"
                + " (::1); Waymark sends no requests there unless"
                + " waymark.outbound.allowed-networks allows it. Nothing was sent");
    String local =
        failure(
            ranNow(
                created(
                        httpSource(
                            "Moved local " + UUID.randomUUID(), remoteUrl("/moved-local.json")))
                    .get("id")
                    .asText()));
    assertThat(local).contains("redirected to " + localOnly() + "/admin: 127.0.0.2 is a loopback");
    assertThat(localOnlyCalls).as("nothing reached the refused address").isEmpty();
  }

  @Test
  void failsARunWhoseAnswerIsNotTheExpectedFormatAndQuarantinesNothingOfIt() {
    JsonNode html =
        ranNow(
            created(httpSource("Login page " + UUID.randomUUID(), remoteUrl("/login")))
                .get("id")
                .asText());
    assertThat(failure(html))
        .contains("answered with Content-Type text/html, not a catalogue file (JSON)")
        .contains("nothing was imported");
    assertThat(html.get("imports")).isEmpty();
    assertThat(html.get("rows_quarantined").asInt()).isZero();

    String body =
        "{\"name\":\"Banner %s\",\"kind\":\"clickstream\",\"url\":\"%s\",\"interval_minutes\":60}"
            .formatted(UUID.randomUUID(), remoteUrl("/banner.txt"));
    JsonNode banner = ranNow(created(body).get("id").asText());
    assertThat(failure(banner))
        .contains(
            "does not look like a clickstream file: it starts with 'W' where '[' or '{' (JSON)"
                + " was expected; nothing was imported");
    assertThat(banner.get("imports")).isEmpty();
    assertThat(api().get("/api/v1/quarantine?limit=500&q=intranet", ADMIN_KEY).raw())
        .doesNotContain("intranet");
  }

  @Test
  void importsEveryFileOfAServerDirectoryAndLeavesTheOriginals() throws IOException {
    String p = "src-dir-" + UUID.randomUUID();
    Path dir = Files.createDirectories(DATA_DIR.resolve("source-files").resolve(p));
    Files.writeString(dir.resolve("a.json"), catalogue(p + "-1"));
    Files.writeString(dir.resolve("b.json"), catalogue(p + "-2"));
    String body =
        "{\"name\":\"Dir %s\",\"kind\":\"catalogue\",\"path\":\"%s\",\"interval_minutes\":15}"
            .formatted(p, dir.toString().replace("\\", "\\\\"));
    JsonNode s = created(body);
    JsonNode run = ranNow(s.get("id").asText());
    counts(run, 10, 6, 4);
    assertThat(run.get("files").asInt()).isEqualTo(2);
    assertThat(run.get("imports")).hasSize(2);
    assertThat(facts.catalogueItem(p + "-2-c")).isPresent();
    assertThat(Files.exists(dir.resolve("a.json"))).isTrue();
  }

  @Test
  void neverFollowsASymbolicLinkOutOfTheAllowedDirectories() throws IOException {
    String p = "src-link-" + UUID.randomUUID();
    Path outside = Files.createTempDirectory("waymark-outside-");
    Files.writeString(outside.resolve("secret.json"), catalogue(p + "-secret"));
    Path inbox = Files.createDirectories(DATA_DIR.resolve("source-files").resolve(p));
    Files.writeString(inbox.resolve("a.json"), catalogue(p + "-a"));
    Files.createSymbolicLink(inbox.resolve("b.json"), outside.resolve("secret.json"));

    String body =
        "{\"name\":\"Links %s\",\"kind\":\"catalogue\",\"path\":\"%s\",\"interval_minutes\":15}"
            .formatted(p, inbox);
    JsonNode run = ranNow(created(body).get("id").asText());
    assertThat(failure(run))
        .contains(
            inbox.resolve("b.json")
                + " is a symbolic link (or lies under one) to "
                + outside.toRealPath().resolve("secret.json")
                + ", outside the allowed directories")
        .contains("nothing was read");
    assertThat(run.get("imports")).isEmpty();
    assertThat(facts.catalogueItem(p + "-secret-a")).isEmpty();

    Path linkedDir =
        Files.createSymbolicLink(DATA_DIR.resolve("source-files").resolve(p + "-dir"), outside);
    Reply refused =
        create(
            "{\"name\":\"Linked dir %s\",\"kind\":\"catalogue\",\"path\":\"%s\",\"daily_at\":\"10:00\"}"
                .formatted(p, linkedDir));
    assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
    assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("path");
    assertThat(refused.json().at("/errors/0/reason").asText())
        .startsWith("leads through a symbolic link to " + outside.toRealPath());
  }

  @Test
  void runsASourceWhenItsTimeComesAndOnlyOnceAcrossInstances() {
    prefix = "src-sched-" + UUID.randomUUID();
    String body =
        "{\"name\":\"Scheduled %s\",\"kind\":\"catalogue\",\"url\":\"%s\",\"interval_minutes\":5}"
            .formatted(prefix, remoteUrl("/catalogue.json"));
    String id = created(body).get("id").asText();
    String before = api().get("/api/v1/sources/" + id + "/runs", ADMIN_KEY).raw();
    assertThat(before).contains("\"items\":[]");

    scheduler.tick(NOW.plusSeconds(299)); // not yet due
    assertThat(api().get("/api/v1/sources/" + id, ADMIN_KEY).json().hasNonNull("last_run"))
        .isFalse();

    scheduler.tick(NOW.plusSeconds(300));
    JsonNode runs = api().get("/api/v1/sources/" + id + "/runs", ADMIN_KEY).json();
    assertThat(runs.get("items")).hasSize(1);
    JsonNode run = runs.get("items").get(0);
    assertThat(run.get("triggered_by").asText()).isEqualTo("schedule");
    counts(ended(id, run.get("id").asText()), 5, 3, 2);
    assertThat(facts.catalogueItem(prefix + "-b")).isPresent();
    assertThat(api().get("/api/v1/sources/" + id, ADMIN_KEY).json().get("next_run_at").asText())
        .isEqualTo(NOW.plusSeconds(600).toString());

    // Two instances that read the same due time: only the first claim wins.
    scheduler.tick(NOW.plusSeconds(300)); // moved on: not due again at the same time
    assertThat(api().get("/api/v1/sources/" + id + "/runs", ADMIN_KEY).json().get("items"))
        .hasSize(1);
    long due = NOW.plusSeconds(600).toEpochMilli();
    assertThat(sources.claimDue(id, "instance-a", due, due + 300_000)).isTrue();
    assertThat(sources.claimDue(id, "instance-b", due, due + 300_000)).isFalse();
    sources.release(id, "instance-a");
  }

  @Test
  void refusesABadFormWithEveryFieldAtFault() {
    Reply r =
        create(
            "{\"name\":\"\",\"kind\":\"articles\",\"url\":\"ftp://x/y\",\"interval_minutes\":0}");
    assertThat(r.status()).as(r.raw()).isEqualTo(400);
    assertThat(r.json().get("errors"))
        .extracting(e -> e.get("field").asText())
        .containsExactly("name", "kind", "url", "interval_minutes");
    assertThat(r.json().get("errors").get(1).get("reason").asText())
        .contains("one of clickstream, transactions, catalogue, tickets");

    Reply both =
        create(
            "{\"name\":\"x\",\"kind\":\"catalogue\",\"url\":\"http://127.0.0.1:9/x\",\"interval_minutes\":5,\"daily_at\":\"25:00\"}");
    assertThat(both.json().get("errors").get(0).get("field").asText()).isEqualTo("daily_at");
    Reply outside =
        create(
            "{\"name\":\"x\",\"kind\":\"catalogue\",\"path\":\"/etc/passwd\",\"daily_at\":\"10:00\"}");
    assertThat(outside.json().get("errors").get(0).get("field").asText()).isEqualTo("path");
    assertThat(outside.json().get("errors").get(0).get("reason").asText())
        .contains("allowed directories");
    Reply unknownField =
        create(
            "{\"name\":\"x\",\"kind\":\"catalogue\",\"url\":\"http://127.0.0.1:9/x\",\"every\":5}");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.json().get("errors").get(0).get("field").asText()).isEqualTo("every");

    String name = "Twice " + UUID.randomUUID();
    created(httpSource(name, remoteUrl("/catalogue.json")));
    Reply twice = create(httpSource(name, remoteUrl("/catalogue.json")));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.json().get("errors").get(0).get("field").asText()).isEqualTo("name");
  }

  @Test
  void letsAnalystsReadAndOnlyAdminsWrite() {
    account("src-viewer", "viewer-password-1", "viewer");
    account("src-analyst", "analyst-password-1", "analyst");
    String id =
        created(httpSource("Roles " + UUID.randomUUID(), remoteUrl("/x"))).get("id").asText();
    String body = httpSource("By analyst " + UUID.randomUUID(), remoteUrl("/x"));

    assertThat(basic("GET", "/api/v1/sources", "src-analyst", "analyst-password-1", null).status())
        .isEqualTo(200);
    assertThat(
            basic(
                    "GET",
                    "/api/v1/sources/" + id + "/runs",
                    "src-analyst",
                    "analyst-password-1",
                    null)
                .status())
        .isEqualTo(200);
    assertThat(basic("POST", "/api/v1/sources", "src-analyst", "analyst-password-1", body).status())
        .isEqualTo(403);
    assertThat(
            basic("POST", "/api/v1/sources/" + id + "/run", "src-analyst", "analyst-password-1", "")
                .status())
        .isEqualTo(403);
    assertThat(basic("GET", "/api/v1/sources", "src-viewer", "viewer-password-1", null).status())
        .isEqualTo(403);
    assertThat(basic("POST", "/api/v1/sources", "src-viewer", "viewer-password-1", body).status())
        .isEqualTo(403);
    assertThat(
            basic("DELETE", "/api/v1/sources/" + id, "src-viewer", "viewer-password-1", null)
                .status())
        .isEqualTo(403);
  }

  @Test
  void documentsTheEndpointsAndCountsRunsBySourceAndStatus() {
    JsonNode paths = api().get("/v3/api-docs", null).json().get("paths");
    assertThat(paths.get("/api/v1/sources").has("get")).isTrue();
    assertThat(paths.get("/api/v1/sources").has("post")).isTrue();
    assertThat(paths.get("/api/v1/sources/{id}").has("put")).isTrue();
    assertThat(paths.get("/api/v1/sources/{id}").has("delete")).isTrue();
    assertThat(paths.get("/api/v1/sources/{id}/run").has("post")).isTrue();
    assertThat(paths.has("/api/v1/sources/{id}/runs")).isTrue();
    assertThat(paths.has("/api/v1/sources/{id}/runs/{runId}")).isTrue();

    String name = "Metered " + UUID.randomUUID();
    failure(ranNow(created(httpSource(name, remoteUrl("/gone"))).get("id").asText()));
    String metrics = management().get("/actuator/prometheus", null).raw();
    assertThat(metrics.lines())
        .anyMatch(
            l ->
                l.startsWith("waymark_source_runs_total{")
                    && l.contains("source=\"" + name + "\"")
                    && l.contains("status=\"failed\"")
                    && l.endsWith(" 1.0"));
  }

  private void account(String username, String password, String role) {
    Reply r =
        api()
            .post(
                "/api/v1/accounts",
                ADMIN_KEY,
                "{\"username\":\"%s\",\"password\":\"%s\",\"role\":\"%s\"}"
                    .formatted(username, password, role));
    assertThat(r.status()).as(r.raw()).isIn(201, 409);
  }

  private Reply basic(String method, String path, String user, String password, String body) {
    String token =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return api()
        .request(
            method,
            path,
            body,
            "Authorization",
            "Basic " + token,
            "Content-Type",
            "application/json");
  }
}
