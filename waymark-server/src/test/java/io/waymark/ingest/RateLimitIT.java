package io.waymark.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.EndToEndTest;
import io.waymark.WaymarkClient.Reply;
import io.waymark.admin.ApiKeys;
import io.waymark.admin.Role;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Per-key rate limits set through the admin API apply to the collector at once. */
class RateLimitIT extends EndToEndTest {

  @Autowired ApiKeys keys;

  private static String click(String user) {
    return "{\"event_id\":\""
        + UUID.randomUUID()
        + "\",\"type\":\"click\",\"user_id\":\""
        + user
        + "\",\"timestamp\":\"2026-03-02T11:00:00Z\"}";
  }

  private Reply put(String keyId, String body, String as) {
    return api().send("PUT", "/api/v1/keys/" + keyId + "/rate-limit", as, body);
  }

  @Test
  void aTightLimitOnOneKeyRefusesWithRetryAfterAndLeavesOtherKeysAlone() {
    ApiKeys.IssuedKey tight = keys.create("rl-tight", Role.INGEST, null);
    ApiKeys.IssuedKey roomy = keys.create("rl-roomy", Role.INGEST, null);
    String user = "rl-" + UUID.randomUUID();
    assertThat(collector().post("/api/v1/events", tight.secret(), click(user)).status())
        .isEqualTo(200);

    Reply set = put(tight.key().id(), "{\"events_per_second\":0.01,\"burst\":1}", ADMIN_KEY);
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.json().get("events_per_second").asDouble()).isEqualTo(0.01);
    assertThat(set.json().get("burst").asDouble()).isEqualTo(1.0);
    assertThat(set.json().get("source").asText()).isEqualTo("key");

    // Admitted while the bucket is positive (decision 4): the one-event bucket lets in two
    // requests at most before the debt refuses the next.
    Reply limited = null;
    int sent = 0;
    while (sent < 4 && (limited == null || limited.status() == 200)) {
      limited = collector().post("/api/v1/events", tight.secret(), click(user));
      sent++;
    }
    assertThat(limited.status()).isEqualTo(429);
    assertThat(sent).isBetween(2, 3);
    assertThat(Integer.parseInt(limited.retryAfter())).isBetween(1, 200);
    assertThat(limited.json().get("message").asText()).contains("rate limit of 0.01 events/s");
    for (int i = 0; i < 5; i++) {
      assertThat(collector().post("/api/v1/events", roomy.secret(), click(user)).status())
          .isEqualTo(200);
    }

    Reply all = api().get("/api/v1/admin/rate-limits", ADMIN_KEY);
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.json().get("default_limit").get("events_per_second").asDouble())
        .isEqualTo(20000.0);
    assertThat(all.json().get("keys").findValuesAsText("key_id")).contains(tight.key().id());

    Reply reset =
        api().send("DELETE", "/api/v1/keys/" + tight.key().id() + "/rate-limit", ADMIN_KEY, null);
    assertThat(reset.status()).isEqualTo(200);
    assertThat(reset.json().get("source").asText()).isEqualTo("default");
    assertThat(
            api()
                .get("/api/v1/keys/" + tight.key().id() + "/rate-limit", ADMIN_KEY)
                .json()
                .get("events_per_second")
                .asDouble())
        .isEqualTo(20000.0);
    assertThat(collector().post("/api/v1/events", tight.secret(), click(user)).status())
        .isEqualTo(200);
  }

  @Test
  void aRateWithoutABurstGetsOneDerivedFromIt() {
    String id = keys.create("rl-derived", Role.INGEST, null).key().id();
    Reply r = put(id, "{\"events_per_second\":100}", ADMIN_KEY);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("burst").asDouble()).isEqualTo(500.0);
    assertThat(
            api()
                .get("/api/v1/keys/" + id, ADMIN_KEY)
                .json()
                .get("rate_limit_per_second")
                .asDouble())
        .isEqualTo(100.0);
  }

  @Test
  void badValuesAreRefusedNamingTheField() {
    String id = keys.create("rl-bad", Role.INGEST, null).key().id();
    assertField(put(id, "{\"events_per_second\":0}", ADMIN_KEY), "events_per_second");
    assertField(put(id, "{\"burst\":10}", ADMIN_KEY), "events_per_second");
    assertField(put(id, "{\"events_per_second\":5,\"burst\":0.5}", ADMIN_KEY), "burst");
    assertField(put(id, "{\"events_per_second\":\"fast\"}", ADMIN_KEY), "events_per_second");
    assertField(put(id, "{\"events_per_second\":5,\"bucket\":3}", ADMIN_KEY), "bucket");
    Reply both = put(id, "{\"events_per_second\":-1,\"burst\":-1}", ADMIN_KEY);
    assertThat(both.json().get("errors")).hasSize(2);
    assertThat(put("no-such-key", "{\"events_per_second\":5}", ADMIN_KEY).status()).isEqualTo(404);
    assertThat(put(id, "{\"events_per_second\":5}", INGEST_KEY).status()).isEqualTo(403);
    assertThat(api().get("/api/v1/admin/rate-limits", INGEST_KEY).status()).isEqualTo(403);
  }

  private static void assertField(Reply r, String field) {
    assertThat(r.status()).as(r.raw()).isEqualTo(400);
    assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo(field);
  }
}
