package io.waymark.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.BrowserClient;
import io.waymark.EndToEndTest;
import org.junit.jupiter.api.Test;

/** The web app's login: session cookie, CSRF token, roles enforced by the server. */
class AuthIT extends EndToEndTest {

  private BrowserClient browser() {
    return new BrowserClient("http://127.0.0.1:" + port);
  }

  private void account(String username, String password, String role) {
    var r =
        api()
            .post(
                "/api/v1/accounts",
                ADMIN_KEY,
                "{\"username\":\"%s\",\"password\":\"%s\",\"role\":\"%s\"}"
                    .formatted(username, password, role));
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
  }

  @Test
  void logsInWithAnHttpOnlySameSiteCookieAndSaysWhoIsLoggedIn() {
    BrowserClient b = browser();
    assertThat(b.get("/api/v1/auth/me").status()).isEqualTo(401);

    BrowserClient.Reply login = b.login("admin", ADMIN_PASSWORD);
    assertThat(login.status()).as(login.raw()).isEqualTo(200);
    assertThat(login.setCookies())
        .anySatisfy(
            c ->
                assertThat(c)
                    .startsWith("WAYMARK_SESSION=")
                    .contains("HttpOnly")
                    .contains("SameSite=Lax"));
    assertThat(login.json().get("csrf_token").asText()).hasSizeGreaterThan(20);

    JsonNode me = b.get("/api/v1/auth/me").json();
    assertThat(me.get("username").asText()).isEqualTo("admin");
    assertThat(me.get("role").asText()).isEqualTo("admin");
    assertThat(me.get("auth").asText()).isEqualTo("session");
    assertThat(me.get("csrf_token").asText()).isEqualTo(login.json().get("csrf_token").asText());
    BrowserClient.Reply again = b.get("/api/v1/accounts");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.setCookies()).as("the session id stays as it was").isEmpty();
    assertThat(b.get("/api/v1/live").setCookies()).isEmpty();

    assertThat(b.send("POST", "/api/v1/auth/logout", null).status()).isEqualTo(204);
    assertThat(b.get("/api/v1/auth/me").status()).isEqualTo(401);
    assertThat(b.get("/api/v1/accounts").status()).isEqualTo(401);
  }

  @Test
  void theSessionCookieIsSecureWhenATrustedProxySaysTheRequestCameOverHttps() {
    BrowserClient.Reply plain = browser().login("admin", ADMIN_PASSWORD);
    assertThat(plain.setCookies())
        .singleElement()
        .satisfies(c -> assertThat(c).startsWith("WAYMARK_SESSION=").doesNotContain("Secure"));

    // A TLS-terminating proxy on this machine (a trusted address) forwards an https request.
    BrowserClient.Reply forwarded =
        browser().withHeader("X-Forwarded-Proto", "https").login("admin", ADMIN_PASSWORD);
    assertThat(forwarded.status()).isEqualTo(200);
    assertThat(forwarded.setCookies())
        .singleElement()
        .satisfies(
            c ->
                assertThat(c)
                    .startsWith("WAYMARK_SESSION=")
                    .contains("; Secure")
                    .contains("HttpOnly")
                    .contains("SameSite=Lax"));
  }

  @Test
  void refusesWrongPasswordsBlankFieldsAndBodiesThatAreNotJson() {
    BrowserClient b = browser();
    BrowserClient.Reply wrong = b.login("admin", "not-the-password");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().at("/errors/0/field").asText()).isEqualTo("credentials");
    assertThat(b.login("nobody-by-this-name", "x").status()).isEqualTo(401);

    BrowserClient.Reply blank = b.send("POST", "/api/v1/auth/login", "{\"username\":\" \"}");
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.json().get("errors").findValuesAsText("field"))
        .containsExactly("username", "password");

    BrowserClient.Reply broken = b.send("POST", "/api/v1/auth/login", "{\"username\":");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.json().at("/errors/0/field").asText()).isEqualTo("body");
    assertThat(broken.json().at("/errors/0/reason").asText()).contains("not valid JSON");
  }

  @Test
  void cookieRequestsThatChangeStateNeedTheCsrfTokenButKeyRequestsDoNot() {
    BrowserClient b = browser();
    b.login("admin", ADMIN_PASSWORD);
    String body =
        "{\"username\":\"csrf-probe\",\"password\":\"long-enough-1\",\"role\":\"viewer\"}";

    BrowserClient.Reply forged = b.withCsrf(false).send("POST", "/api/v1/accounts", body);
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.json().get("message").asText()).contains("X-CSRF-Token");
    assertThat(b.withCsrf(false).get("/api/v1/accounts").status()).isEqualTo(200);

    assertThat(b.withCsrf(true).send("POST", "/api/v1/accounts", body).status()).isEqualTo(201);
    String byKey =
        "{\"username\":\"csrf-probe-2\",\"password\":\"long-enough-1\",\"role\":\"viewer\"}";
    assertThat(api().post("/api/v1/accounts", ADMIN_KEY, byKey).status()).isEqualTo(201);
  }

  @Test
  void rolesAreEnforcedByTheServerForEverySessionRequest() {
    account("role-viewer", "viewer-password-1", "viewer");
    account("role-analyst", "analyst-password-1", "analyst");

    BrowserClient viewer = browser();
    assertThat(viewer.login("role-viewer", "viewer-password-1").json().get("role").asText())
        .isEqualTo("viewer");
    assertThat(viewer.get("/api/v1/live").status()).isEqualTo(200);
    assertThat(viewer.get("/api/v1/users?q=a").status()).isEqualTo(403);
    assertThat(viewer.get("/api/v1/quarantine").status()).isEqualTo(403);
    BrowserClient.Reply refused =
        viewer.send(
            "POST",
            "/api/v1/accounts",
            "{\"username\":\"sneaky\",\"password\":\"sneaky-password\",\"role\":\"admin\"}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("message").asText()).contains("your role may not do this");

    BrowserClient analyst = browser();
    analyst.login("role-analyst", "analyst-password-1");
    assertThat(analyst.get("/api/v1/users?q=a").status()).isEqualTo(200);
    assertThat(analyst.get("/api/v1/quarantine").status()).isEqualTo(200);
    assertThat(analyst.get("/api/v1/accounts").status()).isEqualTo(403);
    assertThat(analyst.get("/api/v1/keys").status()).isEqualTo(403);
  }

  @Test
  void aRoleChangeOrADisabledAccountTakesEffectOnTheOpenSession() {
    account("role-changing", "changing-password-1", "analyst");
    String id = idOf("role-changing");
    BrowserClient b = browser();
    b.login("role-changing", "changing-password-1");
    assertThat(b.get("/api/v1/users?q=a").status()).isEqualTo(200);

    var demoted = api().send("PATCH", "/api/v1/accounts/" + id, ADMIN_KEY, "{\"role\":\"viewer\"}");
    assertThat(demoted.json().get("role").asText()).isEqualTo("viewer");
    assertThat(b.get("/api/v1/users?q=a").status()).isEqualTo(403);

    api().send("PATCH", "/api/v1/accounts/" + id, ADMIN_KEY, "{\"disabled\":true}");
    assertThat(b.get("/api/v1/live").status()).isEqualTo(401);
    BrowserClient.Reply again = browser().login("role-changing", "changing-password-1");
    assertThat(again.status()).isEqualTo(401);
    assertThat(again.json().at("/errors/0/reason").asText()).contains("disabled");
  }

  @Test
  void validatesNewAccountsFieldByFieldAndRefusesTakenNames() {
    var bad =
        api()
            .post(
                "/api/v1/accounts",
                ADMIN_KEY,
                "{\"username\":\"a b\",\"password\":\"short\",\"role\":\"owner\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").findValuesAsText("field"))
        .containsExactly("username", "password", "role");
    assertThat(bad.json().at("/errors/1/reason").asText()).contains("10 to 200 characters");

    account("taken-name", "taken-password-1", "viewer");
    var taken =
        api()
            .post(
                "/api/v1/accounts",
                ADMIN_KEY,
                "{\"username\":\"taken-name\",\"password\":\"taken-password-1\",\"role\":\"viewer\"}");
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.json().at("/errors/0/field").asText()).isEqualTo("username");

    var wrongType =
        api()
            .send(
                "PATCH",
                "/api/v1/accounts/" + idOf("taken-name"),
                ADMIN_KEY,
                "{\"disabled\":\"maybe\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().at("/errors/0/field").asText()).isEqualTo("disabled");
    assertThat(api().send("PATCH", "/api/v1/accounts/nope", ADMIN_KEY, "{}").status())
        .isEqualTo(404);
  }

  @Test
  void theLastEnabledAdminCannotBeDemotedOrDisabled() {
    account("second-admin", "second-admin-pw", "admin");
    String second = idOf("second-admin");
    var demoted =
        api().send("PATCH", "/api/v1/accounts/" + second, ADMIN_KEY, "{\"role\":\"analyst\"}");
    assertThat(demoted.status()).isEqualTo(200);

    var lastOne =
        api().send("PATCH", "/api/v1/accounts/" + idOf("admin"), ADMIN_KEY, "{\"disabled\":true}");
    assertThat(lastOne.status()).isEqualTo(409);
    assertThat(lastOne.json().at("/errors/0/reason").asText()).contains("last enabled admin");
  }

  @Test
  void issuesKeysWithAScopeShowsTheSecretOnceAndRevokesThem() {
    var created =
        api().post("/api/v1/keys", ADMIN_KEY, "{\"name\":\"shop backend\",\"scope\":\"ingest\"}");
    assertThat(created.status()).as(created.raw()).isEqualTo(201);
    String secret = created.json().get("secret").asText();
    String id = created.json().at("/key/id").asText();
    assertThat(secret).startsWith("wm_ingest_");
    assertThat(created.json().at("/key/scope").asText()).isEqualTo("ingest");
    String event = "{\"type\":\"click\",\"user_id\":\"key-user\"}";
    assertThat(api().post("/api/v1/events", secret, event).status()).isEqualTo(200);

    String listed = api().get("/api/v1/keys", ADMIN_KEY).raw();
    assertThat(listed).contains(id).contains(secret.substring(0, 14)).doesNotContain(secret);

    assertThat(api().send("DELETE", "/api/v1/keys/" + id, ADMIN_KEY, null).status()).isEqualTo(204);
    assertThat(api().post("/api/v1/events", secret, event).status()).isEqualTo(401);
    assertThat(api().get("/api/v1/keys", ADMIN_KEY).json().get("items"))
        .anySatisfy(
            k -> {
              assertThat(k.get("id").asText()).isEqualTo(id);
              assertThat(k.get("revoked_at").asText()).isEqualTo(NOW.toString());
            });
    assertThat(api().send("DELETE", "/api/v1/keys/unknown", ADMIN_KEY, null).status())
        .isEqualTo(404);

    var bad =
        api()
            .post(
                "/api/v1/keys",
                ADMIN_KEY,
                "{\"name\":\"\",\"scope\":\"root\",\"rate_limit_per_second\":-1}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").findValuesAsText("field"))
        .containsExactly("name", "scope", "rate_limit_per_second");
  }

  @Test
  void documentsLoginAccountsAndKeysInOpenApi() {
    JsonNode paths = api().get("/v3/api-docs", null).json().get("paths");
    for (String p :
        new String[] {
          "/api/v1/auth/login",
          "/api/v1/auth/logout",
          "/api/v1/auth/me",
          "/api/v1/accounts",
          "/api/v1/accounts/{id}",
          "/api/v1/keys",
          "/api/v1/keys/{id}"
        }) {
      assertThat(paths.has(p)).as("OpenAPI documents %s", p).isTrue();
    }
  }

  @Test
  void servesTheWebAppForDeepLinksButNotForApiPaths() {
    for (String path : new String[] {"/", "/live", "/users/someone.with.dots", "/admin/keys"}) {
      var r = api().get(path, null);
      assertThat(r.status()).as(path).isEqualTo(200);
      assertThat(r.raw()).as(path).contains("<div id=\"root\">");
    }
    var missing = api().get("/api/v1/no-such-thing", ADMIN_KEY);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("message").asText()).contains("no such endpoint");
  }

  private String idOf(String username) {
    for (JsonNode a : api().get("/api/v1/accounts", ADMIN_KEY).json().get("items")) {
      if (a.get("username").asText().equals(username)) {
        return a.get("id").asText();
      }
    }
    throw new AssertionError("no account " + username);
  }
}
