package io.waymark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The quarantine review and the keys' rate limits in headless Chromium: an admin corrects a refused
 * event and replays it, sets a key's limit, and an analyst reviews without deciding. Screenshots go
 * to target/screenshots (and docs/screenshots with -Dupdate.screenshots=true).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuarantineWebAppIT extends EndToEndTest {

  private Browser browser;

  @BeforeAll
  void startTheBrowser() {
    browser = new Browser("http://127.0.0.1:" + port, "quarantine");
  }

  @AfterAll
  void quitAndKeepScreenshots() throws IOException {
    if (browser != null) {
      browser.close();
    }
    if (Boolean.getBoolean("update.screenshots")) {
      Path docs = Files.createDirectories(Path.of("..", "docs", "screenshots"));
      try (Stream<Path> shots = Files.list(Path.of("target", "screenshots"))) {
        for (Path p : shots.filter(p -> p.getFileName().toString().startsWith("2")).toList()) {
          Files.copy(p, docs.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** A unique marker, sent as an unknown field so the item can be found by its errors. */
  private static String marker() {
    return "qw_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  /** Sends an add_to_cart without its product and with the marker field; returns the item id. */
  private String refused(String eventId, String user, String marker) {
    String body =
        "{\"event_id\":\"%s\",\"type\":\"add_to_cart\",\"user_id\":\"%s\",\"timestamp\":\"2026-03-02T11:30:00Z\",\"%s\":1}"
            .formatted(eventId, user, marker);
    var r = collector().post("/api/v1/events", INGEST_KEY, body);
    assertThat(r.status()).isEqualTo(400);
    String id = r.json().get("errors").get(0).get("quarantine_id").asText();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> api().get("/api/v1/quarantine/" + id, ADMIN_KEY).status() == 200);
    return id;
  }

  private void openItem(String marker, String id) {
    browser.open("/data/quarantine?q=" + marker);
    browser.find("[data-item-id='" + id + "']");
    browser.click("[data-item-id='" + id + "'] [data-testid=item-link]");
    browser.find("[data-testid=item-payload]");
  }

  @Test
  @Order(1)
  void anAdminCorrectsABadEventAndReplaysItIntoTheUsersEvents() {
    String marker = marker();
    String user = "qw-" + marker;
    String eventId = UUID.randomUUID().toString();
    String id = refused(eventId, user, marker);
    String other1 = refused(UUID.randomUUID().toString(), user + "-b", marker);
    String other2 = refused(UUID.randomUUID().toString(), user + "-c", marker);

    browser.login("admin", ADMIN_PASSWORD);
    browser.open("/data/quarantine?q=" + marker);
    browser.waitForText("[data-item-id='" + id + "']", marker + ": unknown field");
    assertThat(browser.all("[data-testid=quarantine-table] tbody tr")).hasSize(3);
    assertThat(browser.text("[data-item-id='" + id + "'] [data-testid=review-status]"))
        .isEqualTo("open");
    browser.click("[data-item-id='" + other1 + "'] [data-testid=select-item]");
    browser.click("[data-item-id='" + other2 + "'] [data-testid=select-item]");
    browser.waitForText("[data-testid=bulk-bar]", "2 selected");
    browser.screenshot("20-quarantine");

    browser.click("[data-item-id='" + id + "'] [data-testid=item-link]");
    browser.find("[data-testid=item-payload]");
    assertThat(browser.text("[data-testid=item-errors]")).contains("product_id").contains(marker);
    assertThat(browser.text("[data-testid=item-payload]")).contains(eventId);

    browser.type("[data-testid=payload-editor]", "{\"event_id\":\"" + eventId + "\",");
    assertThat(browser.text("[data-field-error=q-editor]")).contains("Not valid JSON");
    assertThat(browser.find("[data-testid=replay]").isEnabled()).isFalse();

    String stillMissingProduct =
        "{\"event_id\":\"%s\",\"type\":\"add_to_cart\",\"user_id\":\"%s\",\"timestamp\":\"2026-03-02T11:30:00Z\"}"
            .formatted(eventId, user);
    browser.type("[data-testid=payload-editor]", stillMissingProduct);
    browser.click("[data-testid=replay]");
    browser.waitForText("[data-testid=replay-errors]", "product_id");
    assertThat(browser.text("[data-testid=replay-errors]"))
        .contains("is required for add_to_cart events");
    browser.js("arguments[0].scrollIntoView()", browser.find("[data-testid=replay]"));
    browser.screenshot("21-quarantine-replay-refused");

    String corrected = stillMissingProduct.replace("}", ",\"product_id\":\"p-77\"}");
    browser.type("[data-testid=payload-editor]", corrected);
    browser.click("[data-testid=replay]");
    browser.waitForText("[data-testid=item-decision]", "Replayed by admin");
    assertThat(browser.text("[data-testid=item-history]"))
        .contains("Replay refused")
        .contains("Replayed");
    assertThat(browser.all("[data-testid=replay]")).isEmpty();
    browser.screenshot("22-quarantine-replayed");

    JsonNode events =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> api().get("/api/v1/users/" + user + "/events", ADMIN_KEY),
                r -> r.status() == 200 && r.json().get("items").size() == 1)
            .json()
            .get("items");
    assertThat(events.get(0).get("event_id").asText()).isEqualTo(eventId);
    assertThat(events.get(0).get("product_id").asText()).isEqualTo("p-77");

    // The two others are test traffic: discard them together, with one reason.
    browser.click("[data-testid=close-drawer]");
    browser.click("[data-testid=bulk-discard]");
    var prompt = browser.driver().switchTo().alert();
    prompt.sendKeys("test traffic");
    prompt.accept();
    browser.waitForText("[data-testid=bulk-result]", "2 discarded");
    for (String other : new String[] {other1, other2}) {
      JsonNode item = api().get("/api/v1/quarantine/" + other, ADMIN_KEY).json();
      assertThat(item.get("review_status").asText()).isEqualTo("discarded");
      assertThat(item.get("decision").get("reason").asText()).isEqualTo("test traffic");
      assertThat(item.get("decision").get("by").asText()).isEqualTo("admin");
    }
    browser.waitUntil(
        () -> browser.all("[data-testid=quarantine-table]").isEmpty(), Duration.ofSeconds(10));

    browser.open("/data/quarantine?status=replayed&q=" + marker);
    browser.click("[data-item-id='" + id + "'] [data-testid=item-link]");
    browser.click("[data-testid=item-decision] a");
    assertThat(browser.path()).isEqualTo("/users/" + user);
  }

  @Test
  @Order(2)
  void anAdminSetsAKeysRateLimitOnTheKeysPage() {
    String name = "qw rate " + marker();
    var created =
        api().post("/api/v1/keys", ADMIN_KEY, "{\"name\":\"" + name + "\",\"scope\":\"ingest\"}");
    assertThat(created.status()).isEqualTo(201);
    String keyId = created.json().get("key").get("id").asText();

    browser.open("/admin/keys");
    browser.waitForText("[data-testid=default-rate]", "20,000 events/s");
    browser.click("[data-testid='edit-rate-" + name + "']");
    browser.type("[data-testid=rate-input]", "-1");
    assertThat(browser.text("[data-field-error=rate-" + keyId + "]")).contains("above 0");
    browser.type("[data-testid=burst-input]", "10");
    browser.screenshot("24-admin-rate-limits");
    browser.type("[data-testid=rate-input]", "5");
    browser.click("[data-testid=save-rate]");
    browser.waitForText("[data-testid='rate-" + name + "']", "5 events/s, bursts of 10");
    JsonNode limit = api().get("/api/v1/keys/" + keyId + "/rate-limit", ADMIN_KEY).json();
    assertThat(limit.get("events_per_second").asDouble()).isEqualTo(5.0);
    assertThat(limit.get("burst").asDouble()).isEqualTo(10.0);
  }

  @Test
  @Order(3)
  void anAnalystReviewsTheQuarantineButCannotReplay() {
    var account =
        api()
            .post(
                "/api/v1/accounts",
                ADMIN_KEY,
                "{\"username\":\"qw-analyst\",\"password\":\"analyst-password\",\"role\":\"analyst\"}");
    assertThat(account.status()).isEqualTo(201);
    String marker = marker();
    String id = refused(UUID.randomUUID().toString(), "qw-" + marker, marker);

    browser.click("[data-testid=logout]");
    browser.find("#username");
    browser.login("qw-analyst", "analyst-password");
    openItem(marker, id);
    assertThat(browser.text("[data-testid=review-not-allowed]"))
        .contains("Admins replay and discard");
    assertThat(browser.all("[data-testid=replay]")).isEmpty();
    assertThat(browser.all("[data-testid=select-item]")).isEmpty();
    browser.screenshot("23-quarantine-analyst");

    BrowserClient analyst = new BrowserClient("http://127.0.0.1:" + port);
    analyst.login("qw-analyst", "analyst-password");
    assertThat(analyst.send("POST", "/api/v1/quarantine/" + id + "/replay", "{}").status())
        .isEqualTo(403);
    assertThat(
            api().get("/api/v1/quarantine/" + id, ADMIN_KEY).json().get("review_status").asText())
        .isEqualTo("open");
  }
}
