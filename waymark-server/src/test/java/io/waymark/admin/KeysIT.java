package io.waymark.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.EndToEndTest;
import io.waymark.WaymarkClient.Reply;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The keys admin API: listing without secrets, setting origins, and its errors. */
class KeysIT extends EndToEndTest {

  @Autowired ApiKeys keys;

  private Reply put(String id, String body, String credential) {
    return api()
        .request(
            "PUT",
            "/api/v1/keys/" + id + "/origins",
            body,
            "Authorization",
            "Bearer " + credential,
            "Content-Type",
            "application/json");
  }

  private String newKeyId() {
    return keys.create("keys-it", Role.INGEST, null).key().id();
  }

  @Test
  void listsKeysWithTheirOriginsButNeverTheirSecrets() {
    Reply r = api().get("/api/v1/keys", ADMIN_KEY);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("items").size()).isGreaterThanOrEqualTo(2);
    assertThat(r.json().get("items").get(0).has("prefix")).isTrue();
    assertThat(r.raw()).doesNotContain(INGEST_KEY).doesNotContain(ADMIN_KEY);
  }

  @Test
  void replacesAKeysOriginsNormalisedAndDeduplicated() {
    String id = newKeyId();
    put(id, "{\"origins\":[\"https://old.example\"]}", ADMIN_KEY);

    Reply r =
        put(
            id,
            "{\"origins\":[\"https://Shop.Example.com/\",\"http://localhost:3000\","
                + "\"https://shop.example.com\"]}",
            ADMIN_KEY);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("origins").toString())
        .isEqualTo("[\"http://localhost:3000\",\"https://shop.example.com\"]");
    assertThat(api().get("/api/v1/keys/" + id, ADMIN_KEY).json().get("origins").size())
        .isEqualTo(2);
    assertThat(keys.find(id).orElseThrow().origins())
        .containsExactlyInAnyOrder("http://localhost:3000", "https://shop.example.com");
  }

  @Test
  void namesTheOriginThatIsNotAnOrigin() {
    Reply r =
        put(
            newKeyId(),
            "{\"origins\":[\"https://ok.example\",\"https://x.example/path\"]}",
            ADMIN_KEY);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("origins[1]");
    assertThat(r.json().get("errors").get(0).get("reason").asText()).contains("no path");
  }

  @Test
  void explainsABodyOfTheWrongShape() {
    String id = newKeyId();
    Reply wrongType = put(id, "{\"origins\":\"https://a.example\"}", ADMIN_KEY);
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().get("errors").get(0).get("field").asText()).isEqualTo("origins");

    Reply missing = put(id, "{}", ADMIN_KEY);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("errors").get(0).get("field").asText()).isEqualTo("origins");

    Reply malformed = put(id, "{\"origins\":[", ADMIN_KEY);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("errors").get(0).get("field").asText()).isEqualTo("body");
  }

  @Test
  void anUnknownKeyIsNotFound() {
    Reply r = put("no-such-key", "{\"origins\":[]}", ADMIN_KEY);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("message").asText()).contains("GET /api/v1/keys");
    assertThat(api().get("/api/v1/keys/no-such-key", ADMIN_KEY).status()).isEqualTo(404);
  }

  @Test
  void onlyAdminsMayManageKeys() {
    assertThat(put(newKeyId(), "{\"origins\":[]}", INGEST_KEY).status()).isEqualTo(403);
    assertThat(api().get("/api/v1/keys", INGEST_KEY).status()).isEqualTo(403);
  }

  @Test
  void theDemoConfigGivesAKeyOfItsOwnThatAllowsThePage() {
    Reply r = api().get("/api/v1/demo/config", null);
    assertThat(r.status()).isEqualTo(200);
    String demoKey = r.json().get("ingest_key").asText();
    assertThat(demoKey).startsWith("wm_ingest_").isNotEqualTo(INGEST_KEY);
    assertThat(r.json().get("endpoint").asText()).isEqualTo(collectorUrl());
    ApiKeyPrincipal k = keys.authenticate(demoKey).orElseThrow();
    assertThat(k.role()).isEqualTo(Role.INGEST);
    assertThat(k.origins()).contains(apiUrl());
  }

  @Test
  void theDemoKeyAllowsOnlyLoopbackAndConfiguredOriginsFromTheHostHeader() throws Exception {
    assertThat(api().get("/api/v1/demo/config", null).status()).isEqualTo(200);
    String demoKeyId =
        keys.active().stream()
            .filter(k -> k.name().equals("demo shop key"))
            .findFirst()
            .orElseThrow()
            .id();

    String refused = rawGet("/api/v1/demo/config", "evil.example");
    assertThat(refused).startsWith("HTTP/1.1 403").contains("\"field\":\"Host\"");
    assertThat(refused).contains("waymark.demo.origins");
    assertThat(rawGet("/api/v1/demo/config", "evil.example:1/x")).startsWith("HTTP/1.1 400");
    assertThat(keys.find(demoKeyId).orElseThrow().origins())
        .noneMatch(o -> o.contains("evil.example"));

    // The configured origin (EndToEndTest) is allowed from the first call.
    assertThat(keys.find(demoKeyId).orElseThrow().origins()).contains(DEMO_ORIGIN);
    assertThat(rawGet("/api/v1/demo/config", DEMO_ORIGIN.substring("http://".length())))
        .startsWith("HTTP/1.1 200");
    assertThat(rawGet("/api/v1/demo/config", "[::1]:" + port)).startsWith("HTTP/1.1 200");
    assertThat(keys.find(demoKeyId).orElseThrow().origins()).contains("http://[::1]:" + port);
  }

  /** A GET with a Host header of our choosing (Java's HTTP client will not send one). */
  private String rawGet(String path, String host) throws java.io.IOException {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void theOpenApiDocumentDescribesTheNewEndpoints() {
    var paths = api().get("/v3/api-docs", null).json().get("paths");
    for (String p :
        new String[] {
          "/api/v1/keys",
          "/api/v1/keys/{id}",
          "/api/v1/keys/{id}/origins",
          "/waymark.js",
          "/api/v1/demo/config"
        }) {
      assertThat(paths.has(p)).as("OpenAPI documents %s", p).isTrue();
    }
  }
}
