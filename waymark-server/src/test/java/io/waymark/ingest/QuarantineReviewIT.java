package io.waymark.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.EndToEndTest;
import io.waymark.WaymarkClient.Reply;
import io.waymark.admin.ApiKeys;
import io.waymark.admin.Role;
import io.waymark.eventlog.EventLog;
import io.waymark.eventlog.EventLogSettings;
import io.waymark.events.QuarantineCodec;
import io.waymark.events.QuarantinedItem;
import io.waymark.privacy.ErasureSubject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reviewing the quarantine end to end: a bad event sent to the collector is found, replayed
 * uncorrected (refused, still open), corrected and replayed (stored once), or discarded.
 */
class QuarantineReviewIT extends EndToEndTest {

  private static final String TIME = "2026-03-02T11:00:00Z";

  @Autowired ApiKeys keys;
  @Autowired EventLog eventLog;
  @Autowired EventLogSettings logSettings;
  @Autowired QuarantineDecisions decisions;

  private static String cartAdd(String eventId, String user, String extra) {
    return "{\"event_id\":\""
        + eventId
        + "\",\"type\":\"add_to_cart\",\"user_id\":\""
        + user
        + "\",\"timestamp\":\""
        + TIME
        + "\""
        + extra
        + "}";
  }

  /** Sends one refused event and waits until its quarantine item is in the store. */
  private String quarantine(String body) {
    Reply r = collector().post("/api/v1/events", INGEST_KEY, body);
    assertThat(r.status()).isEqualTo(400);
    String id = r.json().get("errors").get(0).get("quarantine_id").asText();
    return awaitItem(id).get("id").asText();
  }

  private JsonNode awaitItem(String id) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> api().get("/api/v1/quarantine/" + id, ADMIN_KEY), r -> r.status() == 200)
        .json();
  }

  private List<String> listed(String query) {
    Reply r = api().get("/api/v1/quarantine?limit=500&" + query, ADMIN_KEY);
    assertThat(r.status()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    r.json().get("items").forEach(i -> ids.add(i.get("id").asText()));
    return ids;
  }

  private Reply replay(String id, String body) {
    return api().send("POST", "/api/v1/quarantine/" + id + "/replay", ADMIN_KEY, body);
  }

  private JsonNode storedEvents(String user, int expected) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> api().get("/api/v1/users/" + user + "/events?limit=100", ADMIN_KEY),
            r -> r.status() == 200 && r.json().get("items").size() == expected)
        .json()
        .get("items");
  }

  @Test
  void aCorrectedEventIsReplayedOnceAndTheItemRecordsWhoReplayedIt() {
    String user = "qr-fix-" + UUID.randomUUID();
    String eventId = UUID.randomUUID().toString();
    String id = quarantine(cartAdd(eventId, user, ""));

    JsonNode item = awaitItem(id);
    assertThat(item.get("review_status").asText()).isEqualTo("open");
    assertThat(item.get("replayable").asBoolean()).isTrue();
    assertThat(item.get("source").asText()).isEqualTo("http:/api/v1/events");
    assertThat(item.get("errors").get(0).get("field").asText()).isEqualTo("product_id");
    assertThat(item.get("payload").asText()).contains(eventId);
    assertThat(listed("status=open&source=http:/api/v1/&q=PRODUCT_ID")).contains(id);

    Reply refused = replay(id, null);
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("product_id");
    JsonNode stillOpen = awaitItem(id);
    assertThat(stillOpen.get("review_status").asText()).isEqualTo("open");
    assertThat(stillOpen.get("history").get(0).get("action").asText()).isEqualTo("replay_refused");
    assertThat(listed("status=open")).contains(id);

    String fixed = cartAdd(eventId, user, ",\"product_id\":\"p-9\"");
    Reply replayed = replay(id, "{\"payload\":" + quote(fixed) + "}");
    assertThat(replayed.status()).isEqualTo(200);
    assertThat(replayed.json().get("review_status").asText()).isEqualTo("replayed");
    assertThat(replayed.json().get("already_decided").asBoolean()).isFalse();
    assertThat(replayed.json().get("decision").get("event_ids").get(0).asText()).isEqualTo(eventId);
    assertThat(replayed.json().get("decision").get("by").asText())
        .isEqualTo("key:initial admin key");

    JsonNode events = storedEvents(user, 1);
    assertThat(events.get(0).get("event_id").asText()).isEqualTo(eventId);
    assertThat(events.get(0).get("product_id").asText()).isEqualTo("p-9");
    assertThat(events.get(0).get("source").asText()).isEqualTo("quarantine:" + id);

    Reply again = replay(id, fixed);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("already_decided").asBoolean()).isTrue();
    JsonNode after = awaitItem(id);
    assertThat(after.get("review_status").asText()).isEqualTo("replayed");
    assertThat(after.get("decision").get("corrected").asBoolean()).isTrue();
    assertThat(after.get("history")).hasSize(2);
    assertThat(listed("status=replayed")).contains(id);
    assertThat(listed("status=open")).doesNotContain(id);
    assertThat(
            api()
                .send(
                    "POST",
                    "/api/v1/quarantine/" + id + "/discard",
                    ADMIN_KEY,
                    "{\"reason\":\"late\"}")
                .status())
        .isEqualTo(409);
    storedEvents(user, 1);
  }

  @Test
  void aRateLimitedRequestIsReplayedAsItWasWithStableEventIds() throws Exception {
    String user = "qr-limited-" + UUID.randomUUID();
    String slowKey = keys.create("qr-slow", Role.INGEST, 0.01).secret();
    String noIds =
        "[{\"type\":\"click\",\"user_id\":\""
            + user
            + "\",\"timestamp\":\""
            + TIME
            + "\"},{\"type\":\"search\",\"search_query\":\"boots\",\"user_id\":\""
            + user
            + "\",\"timestamp\":\""
            + TIME
            + "\"}]";
    String other = "qr-other-" + UUID.randomUUID();
    // A bucket of one event, refilled in 100 s: the second request is refused however slow the
    // machine is.
    Reply first =
        collector()
            .post(
                "/api/v1/events",
                slowKey,
                "["
                    + cartAdd(UUID.randomUUID().toString(), other, ",\"product_id\":\"p\"")
                    + ","
                    + cartAdd(UUID.randomUUID().toString(), other, ",\"product_id\":\"p\"")
                    + "]");
    assertThat(first.status()).isEqualTo(200);
    Reply limited = collector().post("/api/v1/events", slowKey, noIds);
    assertThat(limited.status()).isEqualTo(429);
    String id = limited.json().get("quarantine_id").asText();
    assertThat(awaitItem(id).get("status").asInt()).isEqualTo(429);

    Reply bulk = api().post("/api/v1/quarantine/replay", ADMIN_KEY, "{\"ids\":[\"" + id + "\"]}");
    assertThat(bulk.status()).isEqualTo(200);
    JsonNode outcome = bulk.json().get("items").get(0);
    assertThat(outcome.get("outcome").asText()).isEqualTo("replayed");
    assertThat(outcome.get("event_ids")).hasSize(2);
    JsonNode events = storedEvents(user, 2);
    assertThat(events.findValuesAsText("type")).containsExactlyInAnyOrder("click", "search");

    Reply again = replay(id, null);
    assertThat(again.json().get("already_decided").asBoolean()).isTrue();
    assertThat(again.json().get("decision").get("event_ids")).isEqualTo(outcome.get("event_ids"));
    TimeUnit.SECONDS.sleep(1);
    storedEvents(user, 2);
  }

  @Test
  void discardingNeedsAReasonAndEndsTheReview() {
    String token = "qr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String first = quarantine("{\"type\":\"Bad-" + token + "\",\"user_id\":\"qr-d1\"}");
    String second = quarantine("{\"type\":\"Bad-" + token + "\",\"user_id\":\"qr-d2\"}");
    assertThat(listed("q=" + token)).containsExactlyInAnyOrder(first, second);

    Reply noReason =
        api().send("POST", "/api/v1/quarantine/" + first + "/discard", ADMIN_KEY, "{}");
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().get("errors").get(0).get("field").asText()).isEqualTo("reason");

    Reply discarded =
        api()
            .send(
                "POST",
                "/api/v1/quarantine/" + first + "/discard",
                ADMIN_KEY,
                "{\"reason\":\"test traffic\"}");
    assertThat(discarded.status()).isEqualTo(200);
    assertThat(discarded.json().get("review_status").asText()).isEqualTo("discarded");
    assertThat(discarded.json().get("decision").get("reason").asText()).isEqualTo("test traffic");
    assertThat(replay(first, null).status()).isEqualTo(409);
    assertThat(listed("status=discarded&q=" + token)).containsExactly(first);

    Reply bulk =
        api()
            .post(
                "/api/v1/quarantine/discard",
                ADMIN_KEY,
                "{\"filter\":{\"q\":\"" + token + "\"},\"reason\":\"test traffic\"}");
    assertThat(bulk.status()).isEqualTo(200);
    assertThat(bulk.json().get("items")).hasSize(1);
    assertThat(bulk.json().get("items").get(0).get("id").asText()).isEqualTo(second);
    assertThat(bulk.json().get("items").get(0).get("outcome").asText()).isEqualTo("discarded");
    assertThat(listed("status=open&q=" + token)).isEmpty();
  }

  @Test
  void anImportedRowIsNotReplayedThroughTheCollector() throws Exception {
    UUID id = UUID.randomUUID();
    QuarantinedItem row =
        new QuarantinedItem(
            id,
            NOW.toEpochMilli(),
            "import:transactions:" + UUID.randomUUID(),
            null,
            null,
            400,
            "amount: must be a number",
            List.of(new QuarantinedItem.Problem("amount", "must be a number")),
            3,
            "qr-import",
            "t-1,qr-import,abc,EUR",
            false);
    eventLog
        .append(
            logSettings.quarantineTopic(),
            "qr-import".getBytes(StandardCharsets.UTF_8),
            QuarantineCodec.encode(row))
        .get(10, TimeUnit.SECONDS);
    assertThat(awaitItem(id.toString()).get("replayable").asBoolean()).isFalse();
    assertThat(listed("source=import:")).contains(id.toString());
    Reply r = replay(id.toString(), null);
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("source");
  }

  @Test
  void analystsMayReviewButNotDecide() {
    String id = quarantine(cartAdd(UUID.randomUUID().toString(), "qr-analyst", ""));
    String analyst = keys.create("qr-analyst", Role.ANALYST, null).secret();
    assertThat(api().get("/api/v1/quarantine?status=open", analyst).status()).isEqualTo(200);
    assertThat(api().get("/api/v1/quarantine/" + id, analyst).status()).isEqualTo(200);
    Reply denied = api().send("POST", "/api/v1/quarantine/" + id + "/replay", analyst, null);
    assertThat(denied.status()).isEqualTo(403);
    assertThat(
            api()
                .send(
                    "POST", "/api/v1/quarantine/" + id + "/discard", analyst, "{\"reason\":\"x\"}")
                .status())
        .isEqualTo(403);
    assertThat(api().get("/api/v1/quarantine/" + id, INGEST_KEY).status()).isEqualTo(403);
    assertThat(api().get("/api/v1/quarantine/" + id, null).status()).isEqualTo(401);
    assertThat(awaitItem(id).get("review_status").asText()).isEqualTo("open");
  }

  @Test
  void namesTheBadParameter() {
    Reply unknown = replay(UUID.randomUUID().toString(), null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("message").asText()).contains("GET /api/v1/quarantine");
    assertThat(api().get("/api/v1/quarantine/" + UUID.randomUUID(), ADMIN_KEY).status())
        .isEqualTo(404);
    assertField(api().get("/api/v1/quarantine/not-a-uuid", ADMIN_KEY), "id");
    assertField(api().get("/api/v1/quarantine?status=closed", ADMIN_KEY), "status");
    assertField(api().get("/api/v1/quarantine?from=yesterday", ADMIN_KEY), "from");
    assertField(
        api()
            .get("/api/v1/quarantine?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", ADMIN_KEY),
        "to");
    assertField(api().get("/api/v1/quarantine?page_token=zzz", ADMIN_KEY), "page_token");
    assertField(api().post("/api/v1/quarantine/replay", ADMIN_KEY, "{}"), "ids");
    assertField(api().post("/api/v1/quarantine/replay", ADMIN_KEY, "{\"ids\":[]}"), "ids");
    assertField(
        api()
            .post(
                "/api/v1/quarantine/discard",
                ADMIN_KEY,
                "{\"ids\":[\"" + UUID.randomUUID() + "\"]}"),
        "reason");
  }

  @Test
  void listsPageByPageWithAStatusFilter() {
    String token = "qr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(quarantine("{\"type\":\"Page-" + token + "\",\"user_id\":\"qr-p" + i + "\"}"));
    }
    List<String> seen = new ArrayList<>();
    String page = "";
    do {
      Reply r = api().get("/api/v1/quarantine?status=open&limit=2&q=" + token + page, ADMIN_KEY);
      assertThat(r.json().get("items").size()).isLessThanOrEqualTo(2);
      r.json().get("items").forEach(i -> seen.add(i.get("id").asText()));
      JsonNode next = r.json().get("next_page_token");
      page = next == null ? null : "&page_token=" + next.asText();
    } while (page != null);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void theOpenApiDocumentDescribesTheReviewAndRateLimitEndpoints() {
    JsonNode paths = api().get("/v3/api-docs", null).json().get("paths");
    for (String p :
        new String[] {
          "/api/v1/quarantine",
          "/api/v1/quarantine/{id}",
          "/api/v1/quarantine/{id}/replay",
          "/api/v1/quarantine/{id}/discard",
          "/api/v1/quarantine/replay",
          "/api/v1/quarantine/discard",
          "/api/v1/keys/{id}/rate-limit",
          "/api/v1/admin/rate-limits"
        }) {
      assertThat(paths.has(p)).as("OpenAPI documents %s", p).isTrue();
    }
  }

  @Test
  void erasingAUserRemovesOnlyTheirDecisions() {
    ErasureSubject ann = new ErasureSubject("qr-erase-ann", List.of("qr-erase-ann", "anon-ann"));
    ErasureSubject bob = new ErasureSubject("qr-erase-bob", List.of("qr-erase-bob"));
    decide("qr-erase-ann");
    decide("anon-ann");
    decide("qr-erase-bob");
    assertThat(decisions.count(ann)).isEqualTo(4);
    assertThat(decisions.erase(ann)).isEqualTo(4);
    assertThat(decisions.count(ann)).isZero();
    assertThat(decisions.erase(ann)).isZero();
    assertThat(decisions.count(bob)).isEqualTo(2);
  }

  private void decide(String userKey) {
    assertThat(
            decisions.decide(
                new QuarantineDecisions.Decision(
                    UUID.randomUUID(),
                    QuarantineDecisions.Status.DISCARDED,
                    "test",
                    NOW.toEpochMilli(),
                    "erasure test",
                    List.of(),
                    false),
                userKey))
        .isTrue();
  }

  private static void assertField(Reply r, String field) {
    assertThat(r.status()).as(r.raw()).isEqualTo(400);
    assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo(field);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
