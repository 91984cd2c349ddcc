package io.waymark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.support.ui.Select;

/**
 * The web app in headless Chromium against the whole Waymark process, with data sent through the
 * collector: each role logs in through the login page and walks its pages. Screenshots of every
 * page go to target/screenshots (and to docs/screenshots with -Dupdate.screenshots=true).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebAppIT extends EndToEndTest {

  private Browser browser;

  @org.springframework.beans.factory.annotation.Autowired io.waymark.platform.EventStreams streams;

  @BeforeAll
  void seedDataAndStartTheBrowser() {
    // NOW is 12:00 UTC; one shopper's session 20 minutes ago, and 24 more users browsing.
    String ann =
        """
        [{"type":"page_view","user_id":"web-ann","page_url":"/home","timestamp":"2026-03-02T11:40:00Z"},
         {"type":"search","user_id":"web-ann","search_query":"red shoes","page_url":"/search","timestamp":"2026-03-02T11:40:30Z"},
         {"type":"product_view","user_id":"web-ann","product_id":"p-42","page_url":"/p/42","timestamp":"2026-03-02T11:41:10Z"},
         {"type":"add_to_cart","user_id":"web-ann","product_id":"p-42","timestamp":"2026-03-02T11:42:00Z"},
         {"type":"checkout","user_id":"web-ann","page_url":"/checkout","timestamp":"2026-03-02T11:43:00Z"},
         {"type":"purchase","user_id":"web-ann","order_id":"o-1","amount":59.9,"currency":"EUR","timestamp":"2026-03-02T11:44:00Z"}]
        """;
    assertThat(collector().post("/api/v1/events", INGEST_KEY, ann).status()).isEqualTo(200);
    StringBuilder others = new StringBuilder("[");
    for (int i = 0; i < 24; i++) {
      others
          .append(i == 0 ? "" : ",")
          .append(
              "{\"type\":\"page_view\",\"user_id\":\"web-u%02d\",\"page_url\":\"/%s\",\"timestamp\":\"%s\"}"
                  .formatted(
                      i,
                      i % 3 == 0 ? "home" : i % 3 == 1 ? "sale" : "p/7",
                      NOW.minusSeconds(10 + 10L * i)));
    }
    assertThat(collector().post("/api/v1/events", INGEST_KEY, others + "]").status())
        .isEqualTo(200);
    browser = new Browser("http://127.0.0.1:" + port, "webapp");
  }

  @AfterAll
  void quitAndKeepScreenshots() throws IOException {
    if (browser != null) {
      browser.close();
    }
    if (Boolean.getBoolean("update.screenshots")) {
      Path docs = Files.createDirectories(Path.of("..", "docs", "screenshots"));
      try (Stream<Path> shots = Files.list(Path.of("target", "screenshots"))) {
        for (Path p : shots.toList()) {
          Files.copy(p, docs.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  @Test
  @Order(1)
  void anAdminLogsInAndSeesTheLiveFigures() {
    browser.open("/live");
    browser.find("#username");
    assertThat(browser.path()).isEqualTo("/login");
    browser.screenshot("01-login");
    browser.login("admin", ADMIN_PASSWORD);
    assertThat(browser.path()).isEqualTo("/live");
    assertThat(browser.text("[data-testid=role]")).isEqualTo("admin");
    browser.waitUntil(
        () -> Integer.parseInt(browser.text("[data-testid=active-users]")) >= 24,
        Duration.ofSeconds(30));
    assertThat(browser.text("[data-testid=top-pages]")).contains("/home").contains("/sale");
    assertThat(browser.text("[data-testid=pipeline-state]")).isEqualTo("Pipeline up to date");
    var alerts = api().get("/api/v1/alerts?limit=5", ADMIN_KEY).json().get("items");
    String panel = browser.text("[data-testid=recent-alerts]");
    if (alerts.isEmpty()) {
      assertThat(panel).contains("No alerts");
    } else {
      assertThat(panel).contains(alerts.get(0).get("message").asText());
    }
    browser.waitForText("[data-testid=live-updated]", "12:00:00");
    browser.screenshot("02-live");
  }

  @Test
  @Order(2)
  void theLivePageLoadsInUnderASecondWithAWarmServer() throws IOException {
    List<Double> loads = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      browser.open("/live");
      browser.find("[data-testid=active-users]");
      loads.add(
          ((Number)
                  browser.js(
                      "return performance.getEntriesByName('live-data-rendered')[0].startTime"))
              .doubleValue());
    }
    List<Double> sorted = loads.stream().sorted().toList();
    double median = sorted.get(2);
    String line =
        "Live page load (navigation start to data rendered), 5 warm loads in ms: %s; median %.0f ms%n"
            .formatted(loads, median);
    System.out.print(line);
    Files.writeString(
        Files.createDirectories(Path.of("target", "benchmarks")).resolve("live-page-load.txt"),
        Instant.now() + " " + line);
    // The 1 s target is a benchmark figure (docs/benchmarks.md), not a pass mark: a wall-clock
    // limit here would fail on a loaded build machine without anything being wrong. What must hold
    // is that every load rendered the data and timed itself.
    assertThat(loads).hasSize(5).allSatisfy(ms -> assertThat(ms).isPositive());
    System.out.printf(
        "Live page load target (under 1 s): %s%n", median < 1000 ? "met" : "MISSED on this run");
  }

  @Test
  @Order(3)
  void theLivePageUpdatesWithoutAReload() {
    browser.open("/live");
    browser.find("[data-testid=active-users]");
    browser.js("window.__sameDocument = true");
    int before = Integer.parseInt(browser.text("[data-testid=active-users]"));
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 3; i++) {
      body.append(i == 0 ? "" : ",")
          .append(
              "{\"type\":\"page_view\",\"user_id\":\"web-new-%d\",\"page_url\":\"/new\",\"timestamp\":\"2026-03-02T11:59:50Z\"}"
                  .formatted(i));
    }
    assertThat(collector().post("/api/v1/events", INGEST_KEY, body + "]").status()).isEqualTo(200);
    browser.waitUntil(
        () -> Integer.parseInt(browser.text("[data-testid=active-users]")) == before + 3,
        Duration.ofSeconds(20));
    assertThat(browser.js("return window.__sameDocument === true")).isEqualTo(true);

    // The server ends the page's streams (as its timeout does): the browser reconnects both, and
    // the page keeps its pushed figures instead of falling back to polling.
    browser.waitUntil(() -> streams.size() >= 2, Duration.ofSeconds(10));
    assertThat(streams.endAll("a test ends them")).isGreaterThanOrEqualTo(2);
    browser.waitUntil(() -> streams.size() >= 2, Duration.ofSeconds(15));
    assertThat(browser.text("[data-testid=live-status]")).contains("updates pushed live");
    assertThat(browser.js("return window.__sameDocument === true")).isEqualTo(true);
  }

  @Test
  @Order(4)
  void usersAreFoundByPrefixAndAJourneyShowsEachSession() {
    browser.click("[data-testid=nav-users]");
    browser.type("[data-testid=user-search]", "web-");
    browser.waitForText("[data-testid=users-table]", "web-u");
    assertThat(browser.all("[data-testid=users-table] tbody tr")).hasSize(20);
    assertThat(browser.text(".table-foot")).contains("Page 1 of 2");
    browser.screenshot("03-users");
    browser.click("[data-testid=next-page]");
    browser.waitForText(".table-foot", "Page 2 of 2");

    browser.type("[data-testid=user-search]", "web-an");
    browser.waitUntil(
        () -> browser.all("[data-testid=users-table] tbody tr").size() == 1,
        Duration.ofSeconds(10));
    browser.click("[data-testid=users-table] a");
    assertThat(browser.text("[data-testid=user-title]")).isEqualTo("web-ann");
    browser.find("[data-testid=session]");
    String session = browser.text("[data-testid=session]");
    assertThat(session)
        .contains("/home")
        .contains("/p/42")
        .contains("“red shoes”")
        .contains("+ p-42")
        .contains("€59.90")
        .contains("Duration: 4 min 00 s");
    // Time on a page: until the next page visit; the last one until the session's last event.
    var visits = browser.all("[data-testid=page-visit]");
    assertThat(visits).hasSize(2);
    assertThat(visits.get(0).getText()).contains("/home").contains("1 min 10 s");
    assertThat(visits.get(1).getText()).contains("/p/42").contains("2 min 50 s");
    assertThat(browser.text("[data-testid=events-table]")).contains("purchase").contains("o-1");
    browser.screenshot("04-user-journey");
  }

  @Test
  @Order(9)
  void theUserPageShowsTheCustomerProfileAsOfADayAndItsHistory() {
    browser.open("/users/web-ann");
    browser.waitForText("[data-testid=customer-orders]", "1");
    assertThat(browser.text("[data-testid=customer-revenue]")).isEqualTo("€59.90");
    assertThat(browser.text("[data-testid=customer-segments]")).contains("New").contains("Active");
    assertThat(browser.text("[data-testid=customer-history]")).contains("First version");
    browser.screenshot("20-customer-profile");

    // A React-controlled date input: set its value the way a user's pick would.
    String pick =
        "const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;"
            + " set.call(arguments[0], arguments[1]);"
            + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));";
    browser.js(pick, browser.find("[data-testid=customer-as-of]"), "2026-03-01");
    browser.waitForText("[data-testid=customer]", "No profile at that time");
    browser.js(pick, browser.find("[data-testid=customer-as-of]"), "2026-03-02");
    browser.waitForText("[data-testid=customer-orders]", "1");
    assertThat(browser.text("[data-testid=customer-version]")).contains("Version 1");
  }

  @Test
  @Order(5)
  void anAdminCreatesAnAccountAndTheFormShowsTheServersFieldError() {
    browser.click("[data-testid=nav-admin]");
    browser.find("[data-testid=accounts-table]");
    browser.type("#new-username", "a b");
    assertThat(browser.text("[data-field-error=new-username]")).contains("3-64 letters");
    // Only the server knows the name is taken: its reason appears next to the field.
    browser.type("#new-username", "admin");
    browser.type("#new-password", "a-long-password");
    browser.click("[data-testid=create-account]");
    browser.waitForText("[data-field-error=new-username]", "is taken; choose another");

    browser.type("#new-username", "web-analyst");
    new Select(browser.find("#new-role")).selectByValue("analyst");
    browser.click("[data-testid=create-account]");
    browser.waitForText("[data-testid=account-created]", "web-analyst");
    browser.waitForText("[data-testid=accounts-table]", "web-analyst");
    browser.screenshot("05-admin-accounts");
  }

  @Test
  @Order(6)
  void anAdminCreatesAKeySeesTheSecretOnceAndRevokesIt() {
    browser.open("/admin/keys");
    browser.find("[data-testid=keys-table]");
    browser.type("#key-name", "web test key");
    browser.type("#key-rate", "-3");
    assertThat(browser.text("[data-field-error=key-rate]")).contains("above 0");
    browser.type("#key-rate", "");
    browser.click("[data-testid=create-key]");
    String secret = browser.text("[data-testid=secret-value]");
    assertThat(secret).startsWith("wm_ingest_");
    browser.waitForText("[data-testid=keys-table]", "web test key");
    assertThat(browser.text("[data-testid=keys-table]")).doesNotContain(secret);
    browser.screenshot("06-admin-keys");
    assertThat(
            api().post("/api/v1/events", secret, "{\"type\":\"click\",\"user_id\":\"k\"}").status())
        .isEqualTo(200);

    browser.click("[data-testid='revoke-web test key']");
    browser.driver().switchTo().alert().accept();
    browser.waitForText("[data-key-name='web test key']", "revoked");
    assertThat(
            api().post("/api/v1/events", secret, "{\"type\":\"click\",\"user_id\":\"k\"}").status())
        .isEqualTo(401);
  }

  @Test
  @Order(7)
  void theSystemPageShowsTheHealthOfEachPart() {
    browser.open("/admin/system");
    browser.waitForText("[data-testid=system-overall]", "UP");
    for (String c : new String[] {"kafka", "streams", "store", "db"}) {
      assertThat(browser.text("[data-testid=component-" + c + "]")).contains("UP");
    }
    assertThat(browser.text("[data-testid=component-streams]")).contains("RUNNING");
    // The running build, from GET /api/v1/system/info, in every signed-in page's footer.
    JsonNode info = api().get("/api/v1/system/info", ADMIN_KEY).json();
    browser.waitForText("[data-testid=version]", info.get("commit").asText());
    assertThat(browser.text("[data-testid=version]")).contains(info.get("version").asText());
    browser.screenshot("07-admin-system");
  }

  @Test
  @Order(8)
  void theTestEventFormChecksAsYouTypeAndShowsTheServersReasons() {
    browser.click("[data-testid=nav-data]");
    // The key created in this tab was revoked: the server says so next to the key.
    browser.type("#user_id", "web-form");
    browser.type("#page_url", "/from-the-form");
    browser.click("[data-testid=send-submit]");
    browser.waitForText("[data-field-error=key]", "unknown or revoked API key");

    browser.type("#key", INGEST_KEY);
    browser.type("#type", "Page View");
    assertThat(browser.text("[data-field-error=type]")).contains("Lower-case letters");
    browser.type("#type", "page_view");
    browser.type("#timestamp", "2026-02-20T10:00:00Z");
    browser.click("[data-testid=send-submit]");
    browser.waitForText("[data-field-error=timestamp]", "is more than 168 h old");
    browser.screenshot("08-send-event-error");

    browser.type("#timestamp", "");
    browser.click("[data-testid=send-submit]");
    browser.waitForText("[data-testid=event-sent]", "Accepted");
    browser.screenshot("09-send-event");
  }

  @Test
  @Order(12)
  void anAdminCreatesARuleAndTheFormShowsTheServersFieldError() {
    browser.open("/alerts/rules");
    browser.waitForText("[data-testid=rules-table]", "Event flood");
    browser.type("#rule-name", "UI burst");
    browser.type("#rule-threshold", "3");
    browser.type("#rule-event_type", "ui_try");
    new Select(browser.find("#rule-severity")).selectByValue("high");
    browser.type("#rule-window", "5 parsecs");
    assertThat(browser.text("[data-field-error=rule-window]")).contains("A duration such as 60s");
    // ISO-8601 windows are the server's to check: it refuses two days and names the field.
    browser.type("#rule-window", "P2D");
    assertThat(browser.all("[data-field-error=rule-window]")).isEmpty();
    browser.click("[data-testid=save-rule]");
    browser.waitForText("[data-field-error=rule-window]", "must be between 1s and 24h");
    browser.screenshot("16-rule-form-error");

    browser.type("#rule-window", "1m");
    browser.click("[data-testid=save-rule]");
    browser.waitForText("[data-testid=rule-saved]", "UI burst");
    browser.waitForText("[data-rule-name='UI burst']", "more than 3 ui_try in 1 min");
    assertThat(browser.text("[data-rule-name='UI burst']")).contains("High");
    var rule = ruleNamed("UI burst");
    assertThat(rule.get("window_seconds").asInt()).isEqualTo(60);
    assertThat(rule.get("severity").asText()).isEqualTo("high");
    assertThat(rule.get("enabled").asBoolean()).isTrue();

    // Switched off and on from the list; the server holds the state.
    browser.click("[data-testid='toggle-Order velocity']");
    browser.waitUntil(
        () -> !ruleNamed("Order velocity").get("enabled").asBoolean(), Duration.ofSeconds(10));
    browser.waitForText("[data-rule-name='Order velocity']", "off");
    browser.click("[data-testid='toggle-Order velocity']");
    browser.waitUntil(
        () -> ruleNamed("Order velocity").get("enabled").asBoolean(), Duration.ofSeconds(10));
    browser.screenshot("15-alert-rules");

    assertThat(
            api()
                .post(
                    "/api/v1/alert-rules",
                    ADMIN_KEY,
                    "{\"name\":\"UI throwaway\",\"kind\":\"event_count\",\"threshold\":50,\"window\":\"1h\"}")
                .status())
        .isEqualTo(201);
    browser.open("/alerts/rules");
    browser.click("[data-testid='delete-UI throwaway']");
    browser.driver().switchTo().alert().accept();
    browser.waitUntil(
        () -> browser.all("[data-rule-name='UI throwaway']").isEmpty(), Duration.ofSeconds(10));
    assertThat(ruleNamed("UI throwaway")).isNull();
  }

  @Test
  @Order(13)
  void anAlertAppearsWithoutAReloadAndAnAdminAcknowledgesIt() {
    browser.open("/alerts");
    browser.find("[data-stream=open]");
    browser.waitForText("[data-state=empty]", "No alerts");
    browser.js("window.__sameDocument = true");
    assertThat(collector().post("/api/v1/events", INGEST_KEY, uiTries("web-bot", 59)).status())
        .isEqualTo(200);
    assertThat(collector().post("/api/v1/events", INGEST_KEY, uiTries("web-bot-2", 58)).status())
        .isEqualTo(200);
    browser.waitForText("[data-testid=alerts-table]", "UI burst: 4 ui_try in 1 min (more than 3)");
    browser.waitUntil(
        () -> browser.all("[data-testid=alerts-table] tbody tr").size() == 2,
        Duration.ofSeconds(20));
    assertThat(browser.js("return window.__sameDocument === true")).isEqualTo(true);
    String id = alertOf("web-bot").get("id").asText();
    String row = browser.text("[data-alert-id='" + id + "']");
    assertThat(row).contains("High").contains("web-bot").contains("new").contains("open");
    browser.screenshot("13-alerts");

    browser.click("[data-alert-id='" + id + "'] [data-testid=alert-link]");
    assertThat(browser.path()).isEqualTo("/alerts/" + id);
    assertThat(browser.text("[data-testid=alert-observed]")).isEqualTo("4");
    assertThat(browser.text("[data-testid=alert-threshold]")).isEqualTo("3");
    assertThat(browser.text("[data-testid=alert-user]")).isEqualTo("web-bot");
    assertThat(browser.text("[data-testid=alert-window]"))
        .contains("11:59:10")
        .contains("11:59:40");
    // The window's events come from the store, which the sink fills a moment after the stream.
    browser.waitUntil(
        () -> {
          if (browser.all("[data-testid=alert-events] tbody tr").size() == 4) {
            return true;
          }
          browser.open("/alerts/" + id);
          browser.find("[data-testid=alert-evidence]");
          return false;
        },
        Duration.ofSeconds(30));
    assertThat(browser.text("[data-testid=alert-events]")).contains("ui_try");
    browser.type("#ack-note", "a test bot, checked");
    browser.click("[data-testid=acknowledge]");
    browser.waitForText("[data-testid=acknowledged]", "Acknowledged by admin");
    assertThat(browser.text("[data-testid=ack-note]")).isEqualTo("a test bot, checked");
    assertThat(alertOf("web-bot").get("status").asText()).isEqualTo("acknowledged");
    browser.screenshot("14-alert-detail");

    browser.open("/alerts?status=open");
    browser.waitForText("[data-testid=alerts-table]", "web-bot-2");
    assertThat(browser.all("[data-testid=alerts-table] tbody tr")).hasSize(1);
    new Select(browser.find("#f-status")).selectByValue("acknowledged");
    browser.waitUntil(
        () ->
            browser.all("[data-alert-id='" + id + "']").size() == 1
                && browser.all("[data-testid=alerts-table] tbody tr").size() == 1,
        Duration.ofSeconds(10));
    browser.resize(390, 844);
    browser.open("/alerts");
    browser.waitForText("[data-testid=alerts-table]", "web-bot-2");
    browser.screenshot("18-alerts-phone");
    browser.resize(1280, 860);
  }

  @Test
  @Order(14)
  void theLivePageAndTheUsersPageShowTheAlertAndTheProfile() {
    browser.open("/live");
    browser.waitForText("[data-testid=recent-alerts]", "UI burst: 4 ui_try in 1 min");
    browser.screenshot("19-live-alerts");
    browser.click("[data-testid=recent-alerts] a[href='/users/web-bot']");
    assertThat(browser.text("[data-testid=user-title]")).isEqualTo("web-bot");
    browser.waitForText("[data-testid=profile-pages]", "1");
    assertThat(browser.text("[data-testid=profile-days]")).isEqualTo("1 of 7");
    assertThat(browser.text("[data-testid=profile-top-page]")).isEqualTo("/deals");
    // Page view at 11:58, four clicks 11:59:10-11:59:40: 1 min 40 s on site, rounded to 2 min.
    assertThat(browser.text("[data-testid=profile-minutes]")).isEqualTo("2 min");
    assertThat(browser.text("[data-testid=user-alerts]"))
        .contains("UI burst: 4 ui_try in 1 min")
        .contains("acknowledged");
    browser.screenshot("17-user-profile");
  }

  @Test
  @Order(15)
  void anAdminErasesAUserThroughThePrivacyPageAndSeesTheVerifiedReport() {
    String user = "web-erase-" + UUID.randomUUID().toString().substring(0, 8);
    String events =
        """
        [{"type":"page_view","user_id":"%1$s","page_url":"/home","timestamp":"2026-03-02T10:00:00Z"},
         {"type":"product_view","user_id":"%1$s","product_id":"p-9","page_url":"/p/9","timestamp":"2026-03-02T10:01:00Z"}]
        """
            .formatted(user);
    assertThat(collector().post("/api/v1/events", INGEST_KEY, events).status()).isEqualTo(200);
    browser.waitUntil(
        () -> {
          var stored = api().get("/api/v1/users/" + user + "/events", ADMIN_KEY);
          return stored.status() == 200 && stored.json().get("items").size() == 2;
        },
        Duration.ofSeconds(30));

    // From the user's page to the erase form, which checks the id as you type.
    browser.open("/users/" + user);
    browser.waitForText("[data-testid=user-title]", user);
    browser.click("[data-testid=erase-user]");
    browser.find("[data-testid=erase-form]");
    assertThat(browser.find("#erase-user").getAttribute("value")).isEqualTo(user);
    browser.type("#erase-user", "");
    assertThat(browser.text("[data-field-error=erase-user]")).contains("Enter the user id");
    browser.type("#erase-user", "x".repeat(257));
    assertThat(browser.text("[data-field-error=erase-user]")).contains("at most 256 characters");
    browser.type("#erase-user", user);
    assertThat(browser.all("[data-field-error=erase-user]")).isEmpty();
    browser.click("[data-testid=erase-suppress]");
    browser.click("[data-testid=erase-next]");

    // The confirmation says it cannot be undone and wants the id typed again, exactly.
    assertThat(browser.text("[data-testid=erase-confirm]"))
        .contains("Everything Waymark holds about " + user + " will be deleted.")
        .contains("This cannot be undone.")
        .contains("accepted but not recorded");
    assertThat(browser.find("[data-testid=erase-submit]").isEnabled()).isFalse();
    browser.type("#erase-confirm-id", user.toUpperCase(java.util.Locale.ROOT));
    assertThat(browser.text("[data-field-error=erase-confirm-id]"))
        .contains("Type exactly the same user id");
    assertThat(browser.find("[data-testid=erase-submit]").isEnabled()).isFalse();
    browser.screenshot("30-admin-privacy-confirm");
    browser.type("#erase-confirm-id", user);
    assertThat(browser.all("[data-field-error=erase-confirm-id]")).isEmpty();

    // Record every status the progress view shows, from the moment it appears.
    browser.js(
        """
        window.seenStatuses = [];
        new MutationObserver(() => {
          const b = document.querySelector('[data-testid=erasure-status] [data-status]');
          const s = b && b.dataset.status;
          if (s && window.seenStatuses[window.seenStatuses.length - 1] !== s) window.seenStatuses.push(s);
        }).observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
        """);
    browser.click("[data-testid=erase-submit]");
    browser.find("[data-testid=erasure-progress]");
    assertThat(browser.path()).startsWith("/admin/privacy/");
    // The id while the request runs; once it completed, the id is erased too: its pseudonym.
    String pseudonym = vault.pseudonym(user);
    assertThat(browser.text("[data-testid=erasure-user]")).isIn(user, pseudonym + " pseudonym");
    browser.waitForText("[data-testid=erasure-status]", "completed");
    browser.waitForText("[data-testid=erasure-user]", pseudonym);
    browser.waitForText("[data-testid=report-verified]", "Verified: nothing remains.");
    @SuppressWarnings("unchecked")
    List<String> seen = (List<String>) browser.js("return window.seenStatuses");
    assertThat(seen.get(0)).as("statuses shown: %s", seen).isIn("pending", "running");
    assertThat(seen).last().isEqualTo("completed");
    assertThat(browser.text("[data-testid=erasure-step]")).isEqualTo("done");
    assertThat(browser.all("[data-testid=erasure-live]")).isEmpty();
    assertThat(browser.all("[data-testid=retry-erasure]")).isEmpty();
    assertThat(cells("[data-place='store.events'] td"))
        .containsExactly("Stored events\nstore.events", "2", "2", "0");
    assertThat(cells("[data-place='vault.subject_keys'] td")).last().isEqualTo("0");
    assertThat(browser.text("[data-testid=report-remaining]")).isEqualTo("0");
    assertThat(browser.text("[data-testid=erasure-report]"))
        .contains("Later events for this user are accepted but not recorded.");
    assertThat(browser.text("[data-testid=report-log]")).startsWith("crypto-shredding");
    browser.screenshot("31-admin-privacy-report");
    browser.resize(390, 844);
    browser.screenshot("32-admin-privacy-phone");
    browser.resize(1280, 860);
    // The server agrees: the user is gone.
    assertThat(api().get("/api/v1/users/" + user + "/events", ADMIN_KEY).status()).isEqualTo(404);

    // The audit log keeps the request; its row opens the report again.
    browser.click(".crumbs a[href='/admin/privacy']");
    browser.find("[data-testid=erasure-log]");
    browser.type("[data-testid=log-user]", "nobody-" + user);
    browser.click("[data-testid=log-apply]");
    browser.waitForText("[data-testid=erasure-log] [data-state=empty]", "No erasure request for");
    browser.type("[data-testid=log-user]", user);
    browser.click("[data-testid=log-apply]");
    browser.waitForText("[data-testid=erasures-table]", pseudonym);
    assertThat(browser.all("[data-testid=erasures-table] tbody tr")).hasSize(1);
    assertThat(browser.text("[data-testid=erasures-table] tbody tr"))
        .contains("completed")
        .contains("suppressed")
        .contains("admin");
    browser.screenshot("33-admin-privacy-log");
    browser.click("[data-testid=erasures-table] [data-testid=erasure-link]");
    browser.waitForText("[data-testid=report-verified]", "Verified: nothing remains.");
  }

  private List<String> cells(String css) {
    return browser.all(css).stream().map(e -> e.getText()).toList();
  }

  @Test
  @Order(16)
  void anAdminCreatesAnExportExportsADayAndDownloadsItsFiles() throws IOException {
    Path target = Files.createTempDirectory(EXPORT_ROOT, "web-");
    assertThat(
            api()
                .post(
                    "/api/v1/exports",
                    ADMIN_KEY,
                    "{\"name\":\"ui-taken\",\"datasets\":[\"events\"],\"format\":\"csv\","
                        + "\"destination\":\"directory\",\"directory\":\"%s\",\"enabled\":false}"
                            .formatted(target))
                .status())
        .isEqualTo(201);
    browser.open("/data/exports");
    if (browser.path().equals("/login")) {
      browser.login("admin", ADMIN_PASSWORD);
      browser.open("/data/exports");
    }
    browser.waitForText("[data-testid=exports-table]", "ui-taken");
    // Checked as you type, then by the server (a name in use).
    browser.type("#export-name", "ui daily");
    assertThat(browser.text("[data-field-error=export-name]")).contains("letters, digits");
    browser.type("#export-name", "ui-taken");
    assertThat(browser.all("[data-field-error=export-name]")).isEmpty();
    browser.type("#export-directory", "relative/dir");
    assertThat(browser.text("[data-field-error=export-directory]")).contains("absolute path");
    browser.type("#export-directory", target.toString());
    browser.click("#export-dataset-customers");
    new Select(browser.find("#export-format")).selectByValue("csv");
    browser.click("[data-testid=save-export]");
    browser.waitForText("[data-field-error=export-name]", "is used by another export");
    browser.type("#export-name", "ui-daily");
    browser.click("[data-testid=save-export]");
    browser.waitForText("[data-export-name=ui-daily]", "daily at 10:00 UTC");
    assertThat(browser.text("[data-export-name=ui-daily]")).contains("never run");

    // The runs of the export; a day chosen with the date picker is exported now.
    browser.waitForText("[data-testid=export-runs]", "No runs yet");
    browser.js(
        "const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;"
            + " set.call(arguments[0], arguments[1]);"
            + " arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
        browser.find("#trigger-date"),
        "2026-03-01");
    browser.click("[data-testid=trigger-run]");
    browser.waitForText("[data-testid=runs-table]", "2026-03-01");
    browser.waitUntil(
        () -> !browser.all("[data-run-status=succeeded]").isEmpty(), Duration.ofSeconds(30));
    browser.waitForText("[data-export-name=ui-daily]", "succeeded");
    String href = browser.find("[data-testid='download-events.csv']").getDomAttribute("href");
    assertThat(href).matches("/api/v1/exports/[^/]+/runs/[^/]+/files/events\\.csv");
    var download = api().get(href, ADMIN_KEY);
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.raw()).startsWith("event_id,user_key,user_id");
    assertThat(browser.all("[data-testid='download-customers.csv']")).isNotEmpty();
    browser.screenshot("40-exports");
  }

  @Test
  @Order(20)
  void spanishAndUtcOrLocalTimeAreTheViewersChoiceAndStay() {
    browser.open("/live");
    browser.find("[data-testid=active-users]");
    browser.click("[data-testid=time-utc]");
    browser.waitForText("[data-testid=live-updated]", "UTC");
    browser.find("[data-testid=language]").sendKeys("Español");
    browser.waitForText("[data-testid=nav-live]", "En vivo");
    browser.open("/live");
    browser.waitForText("[data-testid=live-updated]", "Actualizado");
    assertThat(browser.text("[data-testid=live-updated]")).contains("UTC");
    browser.screenshot("10-live-es");
    browser.resize(390, 844);
    browser.screenshot("11-live-phone");
    browser.resize(1280, 860);
    browser.find("[data-testid=language]").sendKeys("English");
    browser.waitForText("[data-testid=nav-live]", "Live");
  }

  @Test
  @Order(21)
  void aViewerSeesLiveOnlyAndTheServerRefusesAdminActions() {
    var created =
        api()
            .post(
                "/api/v1/accounts",
                ADMIN_KEY,
                "{\"username\":\"web-viewer\",\"password\":\"viewer-password\",\"role\":\"viewer\"}");
    assertThat(created.status()).isEqualTo(201);
    browser.click("[data-testid=logout]");
    browser.find("#username");
    browser.login("web-viewer", "viewer-password");
    assertThat(browser.path()).isEqualTo("/live");
    assertThat(browser.text("[data-testid=role]")).isEqualTo("viewer");
    assertThat(browser.all("[data-testid=nav-admin]")).isEmpty();
    assertThat(browser.all("[data-testid=nav-users]")).isEmpty();
    browser.find("[data-testid=active-users]");

    browser.open("/admin/accounts");
    String refused = browser.text("[data-state=error]");
    assertThat(refused)
        .contains("Your role (viewer) may not do this.")
        .contains("your role may not do this: GET /api/v1/accounts");
    browser.screenshot("12-viewer-refused");

    // Viewers see alerts but neither acknowledge them nor read the rules.
    browser.click("[data-testid=nav-alerts]");
    browser.waitForText("[data-testid=alerts-table]", "web-bot-2");
    assertThat(browser.all("a[href='/alerts/rules']")).isEmpty();
    String open = alertOf("web-bot-2").get("id").asText();
    browser.click("[data-alert-id='" + open + "'] [data-testid=alert-link]");
    assertThat(browser.text("[data-testid=ack-not-allowed]"))
        .contains("Analysts and admins acknowledge alerts.");
    assertThat(browser.all("[data-testid=acknowledge]")).isEmpty();
    assertThat(browser.all("[data-testid=alert-user] a")).isEmpty();

    BrowserClient viewer = new BrowserClient("http://127.0.0.1:" + port);
    viewer.login("web-viewer", "viewer-password");
    var post =
        viewer.send(
            "POST",
            "/api/v1/accounts",
            "{\"username\":\"web-evil\",\"password\":\"evil-password\",\"role\":\"admin\"}");
    assertThat(post.status()).isEqualTo(403);
    assertThat(viewer.send("POST", "/api/v1/alerts/" + open + "/acknowledge", "{}").status())
        .isEqualTo(403);
    assertThat(alertOf("web-bot-2").get("status").asText()).isEqualTo("open");

    // Nor erase users: the Privacy page shows the refusal and no form, and the API answers 403.
    browser.open("/admin/privacy");
    assertThat(browser.text("[data-testid=erasure-log] [data-state=error]"))
        .contains("Your role (viewer) may not do this.");
    assertThat(browser.all("[data-testid=erase-form]")).isEmpty();
    assertThat(viewer.send("DELETE", "/api/v1/users/web-ann", null).status()).isEqualTo(403);
    assertThat(viewer.get("/api/v1/privacy/erasures").status()).isEqualTo(403);
    // Nor ask whether a given person is active: live figures are aggregates for viewers.
    assertThat(viewer.get("/api/v1/live").status()).isEqualTo(200);
    assertThat(viewer.get("/api/v1/live/users/web-ann/sessions").status()).isEqualTo(403);
    assertThat(api().get("/api/v1/users/web-ann/events", ADMIN_KEY).status()).isEqualTo(200);
  }

  @Test
  @Order(22)
  void aViewerOpensInsightsAndSeesTheGeneratedEvents() {
    browser.click("[data-testid=nav-insights]");
    browser.find("[data-testid=kpi-events]");
    assertThat(browser.path()).isEqualTo("/insights");
    String zone = browser.text("[data-testid=insights-page] .page-head p").replaceAll(".* of ", "");
    zone = zone.substring(0, zone.length() - 1); // "… local days of UTC."
    String api = "/api/v1/insights?days=30&tz=" + zone;
    // The page shows what the API counts for the same period (the sink may still be writing).
    browser.waitUntil(
        () ->
            digits(browser.text("[data-testid=kpi-events]"))
                .equals(api().get(api, ADMIN_KEY).json().get("totals").get("events").asText()),
        Duration.ofSeconds(20));
    var totals = api().get(api, ADMIN_KEY).json().get("totals");
    assertThat(totals.get("events").asLong()).isGreaterThanOrEqualTo(30); // web-ann and 24 more
    assertThat(digits(browser.text("[data-testid=kpi-orders]")))
        .isEqualTo(totals.get("orders").asText());
    assertThat(browser.text("[data-testid=kpi-conversion]")).contains("%"); // of users
    assertThat(browser.text("[data-testid=funnel-add_to_cart-rate]")).contains("%");
    assertThat(browser.all("[data-testid=active-users] tbody tr")).isNotEmpty();
    assertThat(browser.all("[data-testid=active-users] a")).isEmpty(); // viewers see no journeys
    assertThat(browser.all("[data-testid=revenue-chart] canvas")).isNotEmpty();
    browser.screenshot("20-insights");
    browser.click("[data-testid=preset-7]");
    browser.waitUntil(
        () -> browser.text("[data-testid=insights-range]").contains("24 Feb"),
        Duration.ofSeconds(10));
    browser.resize(390, 844);
    browser.screenshot("21-insights-phone");
    browser.resize(1280, 860);
  }

  private static String digits(String text) {
    return text.replaceAll("[^0-9]", "");
  }

  @Test
  @Order(23)
  void anAnalystSeesUsersButNotAdmin() {
    browser.click("[data-testid=logout]");
    browser.find("#username");
    browser.login("web-analyst", "a-long-password");
    assertThat(browser.text("[data-testid=role]")).isEqualTo("analyst");
    assertThat(browser.all("[data-testid=nav-admin]")).isEmpty();
    browser.click("[data-testid=nav-users]");
    browser.waitForText("[data-testid=users-table]", "web-");
    browser.open("/admin/keys");
    assertThat(browser.text("[data-state=error]")).contains("Your role (analyst) may not do this.");
    // Analysts see a user's page without the erase action, and may not erase through the API.
    browser.open("/users/web-ann");
    browser.waitForText("[data-testid=user-title]", "web-ann");
    assertThat(browser.all("[data-testid=erase-user]")).isEmpty();
    browser.open("/admin/privacy");
    assertThat(browser.text("[data-testid=erasure-log] [data-state=error]"))
        .contains("Your role (analyst) may not do this.");
    BrowserClient analyst = new BrowserClient("http://127.0.0.1:" + port);
    analyst.login("web-analyst", "a-long-password");
    assertThat(analyst.send("DELETE", "/api/v1/users/web-ann", null).status()).isEqualTo(403);
  }

  @Test
  @Order(24)
  void anAdminConnectsASourceRunsItNowAndSeesTheRunWithItsCounts() throws IOException {
    String catalogue =
        """
        [{"product_id": "web-src-1", "name": "Mug", "category": "kitchen", "price": 9.5,
          "currency": "EUR", "updated_at": "2026-02-10T08:00:00Z"},
         {"product_id": "web-src-2", "name": "Pan", "category": "kitchen",
          "updated_at": "2026-02-10T08:00:00Z"},
         {"name": "No id", "category": "kitchen", "updated_at": "2026-02-10T08:00:00Z"},
         {"product_id": "web-src-3", "name": "Pot", "category": "kitchen",
          "updated_at": "2026-02-10T08:00:00Z"}]
        """;
    HttpServer remote = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    remote.createContext(
        "/catalogue.json",
        x -> {
          byte[] body = catalogue.getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(200, body.length);
          try (var out = x.getResponseBody()) {
            out.write(body);
          }
        });
    remote.start();
    try {
      browser.open("/live");
      // Wait for the app to say who is logged in (or to ask), then log out whoever it is.
      browser.waitUntil(
          () ->
              !browser.all("[data-testid=logout]").isEmpty() || !browser.all("#username").isEmpty(),
          Duration.ofSeconds(20));
      if (!browser.all("[data-testid=logout]").isEmpty()) {
        browser.click("[data-testid=logout]");
        browser.find("#username");
      }
      browser.login("admin", ADMIN_PASSWORD);
      browser.click("[data-testid=nav-data]");
      browser.click("a[href='/data/sources']");
      browser.find("[data-testid=source-form]");

      // Checked as you type; the server's reason shows next to its field.
      browser.type("#source-name", "Shop catalogue");
      browser.type("#source-url", "ftp://shop.example/catalogue.json");
      assertThat(browser.text("[data-field-error=source-url]")).contains("http:// or https://");
      browser.type("#source-interval_minutes", "0");
      assertThat(browser.text("[data-field-error=source-interval_minutes]")).contains("1 to 10080");
      browser.type("#source-interval_minutes", "30");
      browser.click("#source-location-path");
      browser.type("#source-path", "/etc/catalogue.json");
      browser.click("[data-testid=save-source]");
      browser.waitForText("[data-field-error=source-path]", "allowed directories");
      browser.click("#source-location-url");
      browser.type(
          "#source-url", "http://127.0.0.1:" + remote.getAddress().getPort() + "/catalogue.json");
      assertThat(browser.all("[data-field-error]")).isEmpty();
      browser.click("[data-testid=save-source]");
      browser.waitForText("[data-source-name='Shop catalogue']", "every 30 minutes");

      browser.click("[data-testid='run-Shop catalogue']");
      browser.waitUntil(
          () ->
              "completed"
                  .equals(browser.find("[data-testid=source-run]").getAttribute("data-status")),
          Duration.ofSeconds(30));
      assertThat(browser.text("[data-testid=run-read]")).isEqualTo("4");
      assertThat(browser.text("[data-testid=run-accepted]")).isEqualTo("3");
      assertThat(browser.text("[data-testid=run-quarantined]")).isEqualTo("1");
      browser.waitForText("[data-source-name='Shop catalogue']", "completed");
      browser.screenshot("40-sources");

      browser.click("[data-testid='toggle-Shop catalogue']");
      browser.waitUntil(
          () -> {
            for (var s : api().get("/api/v1/sources", ADMIN_KEY).json().get("items")) {
              if (s.get("name").asText().equals("Shop catalogue")) {
                return !s.get("enabled").asBoolean();
              }
            }
            return false;
          },
          Duration.ofSeconds(10));
    } finally {
      remote.stop(0);
    }
  }

  /** A page view at hh:58 and four ui_try events in the minute hh:minute (before NOW). */
  private static String uiTries(String user, int minute) {
    StringBuilder b =
        new StringBuilder(
            "[{\"type\":\"page_view\",\"user_id\":\"%s\",\"page_url\":\"/deals\",\"timestamp\":\"2026-03-02T11:%02d:00Z\"}"
                .formatted(user, minute - 1));
    for (int s = 10; s <= 40; s += 10) {
      b.append(
          ",{\"type\":\"ui_try\",\"user_id\":\"%s\",\"timestamp\":\"2026-03-02T11:%02d:%02dZ\"}"
              .formatted(user, minute, s));
    }
    return b.append("]").toString();
  }

  private com.fasterxml.jackson.databind.JsonNode ruleNamed(String name) {
    for (var r : api().get("/api/v1/alert-rules", ADMIN_KEY).json().get("items")) {
      if (r.get("name").asText().equals(name)) {
        return r;
      }
    }
    return null;
  }

  private com.fasterxml.jackson.databind.JsonNode alertOf(String user) {
    var items = api().get("/api/v1/alerts?user_id=" + user, ADMIN_KEY).json().get("items");
    assertThat(items).hasSize(1);
    return items.get(0);
  }
}
