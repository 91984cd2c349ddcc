package io.waymark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.waymark.WaymarkClient.Reply;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * At rest: the data directory is owner-only, secrets in the metadata database are encrypted with
 * the master key, and credentials in URLs are shown only to admins and never written to the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsAtRestIT extends EndToEndTest {

  @Autowired JdbcClient jdbc;

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private String key(String scope) {
    Reply r =
        api()
            .post(
                "/api/v1/keys",
                ADMIN_KEY,
                "{\"name\":\"rest-%s-%s\",\"scope\":\"%s\"}"
                    .formatted(scope, UUID.randomUUID(), scope));
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
    return r.json().get("secret").asText();
  }

  @Test
  void theDataDirectoryTheVaultAndTheMasterKeyAreOwnerOnly() throws Exception {
    assertThat(mode(DATA_DIR)).isEqualTo("rwx------");
    assertThat(mode(DATA_DIR.resolve("vault"))).isEqualTo("rwx------");
    assertThat(mode(DATA_DIR.resolve("vault/subject-keys.bin"))).isEqualTo("rw-------");
    assertThat(mode(DATA_DIR.resolve("master.key"))).isEqualTo("rw-------");
  }

  @Test
  void webhookSecretsAndAuthorizationHeadersAreStoredEncrypted() {
    Reply hook =
        api()
            .post(
                "/api/v1/webhooks",
                ADMIN_KEY,
                "{\"name\":\"rest-%s\",\"url\":\"http://127.0.0.1:9/hook\"}"
                    .formatted(UUID.randomUUID()));
    assertThat(hook.status()).as(hook.raw()).isEqualTo(201);
    String secret = hook.json().get("secret").asText();
    String stored =
        jdbc.sql("SELECT secret FROM webhooks WHERE id = ?")
            .param(hook.json().get("id").asText())
            .query(String.class)
            .single();
    assertThat(stored).startsWith("wmenc:v1:").doesNotContain(secret);

    Reply export =
        api()
            .post(
                "/api/v1/exports",
                ADMIN_KEY,
                ("{\"name\":\"rest-%s\",\"datasets\":[\"events\"],\"format\":\"csv\","
                        + "\"destination\":\"webhook\",\"webhook_url\":\"http://127.0.0.1:9/in\"}")
                    .formatted(UUID.randomUUID().toString().substring(0, 8)));
    assertThat(export.status()).as(export.raw()).isEqualTo(201);
    assertThat(
            jdbc.sql("SELECT webhook_secret FROM export_configs WHERE id = ?")
                .param(export.json().get("id").asText())
                .query(String.class)
                .single())
        .startsWith("wmenc:v1:")
        .doesNotContain(export.json().get("webhook_secret").asText());

    Reply source =
        api()
            .post(
                "/api/v1/sources",
                ADMIN_KEY,
                ("{\"name\":\"rest-%s\",\"kind\":\"catalogue\",\"url\":\"http://127.0.0.1:9/c.json\","
                        + "\"auth_header\":\"Bearer header-secret-42\",\"interval_minutes\":60}")
                    .formatted(UUID.randomUUID()));
    assertThat(source.status()).as(source.raw()).isEqualTo(201);
    assertThat(
            jdbc.sql("SELECT auth_header FROM sources WHERE id = ?")
                .param(source.json().get("id").asText())
                .query(String.class)
                .single())
        .startsWith("wmenc:v1:")
        .doesNotContain("header-secret-42");
  }

  @Test
  void credentialsInUrlsAreMaskedForAnalystsAndInRunErrorsAndLogs(CapturedOutput output)
      throws Exception {
    List<String> auth = new CopyOnWriteArrayList<>();
    HttpServer remote = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    remote.createContext(
        "/",
        x -> {
          auth.add(String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
          x.sendResponseHeaders(404, -1);
          x.close();
        });
    remote.start();
    try {
      String url =
          "http://ann:pw-secret-7@127.0.0.1:"
              + remote.getAddress().getPort()
              + "/feed.json?token=tok-secret-9&day=1";
      Reply created =
          api()
              .post(
                  "/api/v1/sources",
                  ADMIN_KEY,
                  "{\"name\":\"rest-url-%s\",\"kind\":\"catalogue\",\"url\":\"%s\",\"interval_minutes\":60}"
                      .formatted(UUID.randomUUID(), url));
      assertThat(created.status()).as(created.raw()).isEqualTo(201);
      String id = created.json().get("id").asText();
      assertThat(created.json().get("url").asText()).as("admins see it whole").isEqualTo(url);

      String analyst = key("analyst");
      JsonNode seen = api().get("/api/v1/sources/" + id, analyst).json();
      assertThat(seen.get("url").asText())
          .isEqualTo(
              "http://***@127.0.0.1:"
                  + remote.getAddress().getPort()
                  + "/feed.json?token=***&day=1");
      assertThat(api().get("/api/v1/sources", analyst).raw())
          .doesNotContain("pw-secret-7")
          .doesNotContain("tok-secret-9");

      Reply run = api().post("/api/v1/sources/" + id + "/run", ADMIN_KEY, "");
      JsonNode ended =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () ->
                      api()
                          .get(
                              "/api/v1/sources/" + id + "/runs/" + run.json().get("id").asText(),
                              ADMIN_KEY)
                          .json(),
                  j -> !j.get("status").asText().equals("running"));
      assertThat(ended.get("error").asText())
          .contains("GET http://***@127.0.0.1:" + remote.getAddress().getPort() + "/feed.json?...")
          .contains("answered HTTP 404")
          .doesNotContain("pw-secret-7");
      assertThat(auth).as("the URL's credentials were sent as HTTP Basic").hasSize(1);
      assertThat(auth.get(0)).startsWith("Basic ");
      assertThat(output.getAll()).doesNotContain("pw-secret-7").doesNotContain("tok-secret-9");

      Reply export =
          api()
              .post(
                  "/api/v1/exports",
                  ADMIN_KEY,
                  ("{\"name\":\"rest-url-%s\",\"datasets\":[\"events\"],\"format\":\"csv\","
                          + "\"destination\":\"webhook\","
                          + "\"webhook_url\":\"http://127.0.0.1:9/in?signature=sig-secret-3\"}")
                      .formatted(UUID.randomUUID().toString().substring(0, 8)));
      assertThat(export.status()).as(export.raw()).isEqualTo(201);
      assertThat(
              api()
                  .get("/api/v1/exports/" + export.json().get("id").asText(), analyst)
                  .json()
                  .get("webhook_url")
                  .asText())
          .isEqualTo("http://127.0.0.1:9/in?signature=***");
    } finally {
      remote.stop(0);
    }
  }
}
