package io.waymark.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waymark.EndToEndTest;
import io.waymark.WaymarkClient;
import io.waymark.WaymarkClient.Reply;
import io.waymark.admin.ApiKeys;
import io.waymark.admin.Role;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Browsers on both collector ports: preflights answered for the key's origins, the key in the
 * query, events from other origins refused, and the snippet served.
 */
class CorsIT extends EndToEndTest {

  private static final String SHOP = "https://shop.example.com";
  private static final String ELSEWHERE = "https://elsewhere.example.org";

  @Autowired ApiKeys keys;
  private String keyId;
  private String key;

  /** A fresh ingest key that allows {@link #SHOP}, set through the admin API. */
  @BeforeEach
  void shopKey() {
    ApiKeys.IssuedKey issued = keys.create("cors test key", Role.INGEST, null);
    key = issued.secret();
    keyId = issued.key().id();
    Reply put =
        api()
            .request(
                "PUT",
                "/api/v1/keys/" + keyId + "/origins",
                "{\"origins\":[\"" + SHOP + "\"]}",
                "Authorization",
                "Bearer " + ADMIN_KEY,
                "Content-Type",
                "application/json");
    assertThat(put.status()).isEqualTo(200);
  }

  private List<WaymarkClient> bothPorts() {
    return List.of(collector(), api());
  }

  private static Reply preflight(WaymarkClient port, String query, String origin) {
    return port.request(
        "OPTIONS",
        "/api/v1/events" + query,
        null,
        "Origin",
        origin,
        "Access-Control-Request-Method",
        "POST",
        "Access-Control-Request-Headers",
        "content-type");
  }

  private static String event(String user) {
    return "{\"event_id\":\""
        + UUID.randomUUID()
        + "\",\"type\":\"page_view\",\"anonymous_id\":\""
        + user
        + "\",\"page_url\":\"/\"}";
  }

  @Test
  void answersAPreflightThatNamesItsKeyForTheKeysOrigins() {
    for (WaymarkClient p : bothPorts()) {
      Reply r = preflight(p, "?key=" + key, SHOP);
      assertThat(r.status()).isEqualTo(204);
      assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
      assertThat(r.header("Access-Control-Allow-Methods")).contains("POST");
      assertThat(r.header("Access-Control-Allow-Headers")).contains("Authorization");
      assertThat(r.header("Vary")).isEqualTo("Origin");
    }
  }

  @Test
  void answersAPreflightWithoutKeyForTheOriginsOfAnyKey() {
    for (WaymarkClient p : bothPorts()) {
      assertThat(preflight(p, "", BOOTSTRAP_ORIGIN).header("Access-Control-Allow-Origin"))
          .isEqualTo(BOOTSTRAP_ORIGIN);
      assertThat(preflight(p, "", SHOP).status()).isEqualTo(204);
    }
  }

  @Test
  void refusesAPreflightFromAnOriginTheKeyDoesNotAllow() {
    for (WaymarkClient p : bothPorts()) {
      for (String query : List.of("", "?key=" + key)) {
        Reply r = preflight(p, query, ELSEWHERE);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("Access-Control-Allow-Origin")).isNull();
        assertThat(r.raw()).contains("PUT /api/v1/keys/{id}/origins");
      }
      // The bootstrap key's origin is allowed for preflights without a key, not for this key.
      assertThat(preflight(p, "?key=" + key, BOOTSTRAP_ORIGIN).status()).isEqualTo(403);
    }
  }

  @Test
  void storesABrowserBeaconFromAnAllowedOriginWithTheKeyInTheQuery() {
    for (WaymarkClient p : bothPorts()) {
      String user = "cors-beacon-" + UUID.randomUUID();
      Reply r =
          p.request(
              "POST",
              "/api/v1/events?key=" + key,
              event(user),
              "Origin",
              SHOP,
              "Content-Type",
              "text/plain;charset=UTF-8");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
      assertThat(r.header("Access-Control-Expose-Headers")).contains("Retry-After");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> api().get("/api/v1/users/" + user + "/events", ADMIN_KEY).status() == 200);
    }
  }

  @Test
  void refusesEventsFromAnOriginTheKeyDoesNotAllow() {
    for (WaymarkClient p : bothPorts()) {
      Reply r =
          p.request("POST", "/api/v1/events?key=" + key, event("cors-x"), "Origin", ELSEWHERE);
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.json().get("accepted").asInt()).isZero();
      assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("origin");
      // readable by the page, so the snippet stops retrying instead of trying forever
      assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(ELSEWHERE);
    }
  }

  @Test
  void acceptsTheCollectorsOwnOriginWithoutListingIt() {
    Reply r =
        collector()
            .request(
                "POST",
                "/api/v1/events?key=" + key,
                event("cors-same-" + UUID.randomUUID()),
                "Origin",
                collectorUrl());
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void refusesAnAdminKeyInTheQuery() {
    for (WaymarkClient p : bothPorts()) {
      Reply r = p.request("POST", "/api/v1/events?key=" + ADMIN_KEY, event("cors-admin"));
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("key");
      assertThat(r.json().get("message").asText()).contains("only ingest keys");
    }
  }

  @Test
  void servesTheSnippetOnBothPorts() {
    for (WaymarkClient p : bothPorts()) {
      Reply r = p.request("GET", "/waymark.js", null);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Content-Type")).startsWith("application/javascript");
      assertThat(r.raw()).contains("/api/v1/events?key=").contains("sendBeacon");
      assertThat(p.request("HEAD", "/waymark.js", null).status()).isEqualTo(200);
    }
  }

  @Test
  void theBootstrapIngestKeyAllowsTheConfiguredOrigins() {
    var items = api().get("/api/v1/keys", ADMIN_KEY).json().get("items");
    boolean found = false;
    for (var k : items) {
      if (INGEST_KEY.startsWith(k.get("prefix").asText())) {
        assertThat(k.get("origins").toString()).isEqualTo("[\"" + BOOTSTRAP_ORIGIN + "\"]");
        found = true;
      }
    }
    assertThat(found).isTrue();
  }
}
