package io.waymark.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.EndToEndTest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The tracking snippet in headless Chromium on the demo shop: page views, SPA navigations, a custom
 * event, identify, and delivery after the network was down (and after an answer was lost), all in
 * the user's events and journey, each event once.
 */
class BrowserIT extends EndToEndTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private ChromeDriver driver;

  private Object js(String script) {
    return driver.executeScript(script);
  }

  private long pending() {
    return ((Number) js("return window.waymark && waymark.pending ? waymark.pending() : -1"))
        .longValue();
  }

  private void awaitDelivered() {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> pending() == 0);
  }

  private void click(String id) {
    driver.findElement(By.id(id)).click();
  }

  /** All stored events of a user key (newest first), as the API returns them. */
  private List<JsonNode> events(String userKey) {
    var r = api().get("/api/v1/users/" + userKey + "/events?limit=500", ADMIN_KEY);
    List<JsonNode> out = new ArrayList<>();
    if (r.status() == 200) {
      r.json().get("items").forEach(out::add);
    }
    return out;
  }

  private static List<String> types(List<JsonNode> events) {
    return events.stream().map(e -> e.get("type").asText()).sorted().toList();
  }

  private static List<String> withoutPageLeaves(List<String> types) {
    return types.stream().filter(t -> !t.equals("page_leave")).toList();
  }

  @Test
  void tracksAShoppersVisitOnceEachThroughAnOutage() throws Exception {
    String shopper = "shopper-" + UUID.randomUUID().toString().substring(0, 8);
    try (FlakyNetwork network = new FlakyNetwork(collectorPort())) {
      driver = Browser.start();
      try {
        driver.get(apiUrl() + "/demo/shop.html?endpoint=" + network.url());
        await()
            .atMost(PATIENCE)
            .until(() -> Boolean.TRUE.equals(js("return !!(window.waymark && waymark.loaded)")));
        String anon = (String) js("return waymark.anonymousId()");
        Files.write(
            Browser.ARTIFACTS.resolve("demo-shop.png"), driver.getScreenshotAs(OutputType.BYTES));

        // Anonymous: a page view on load, a custom event, two SPA navigations, a product, a cart.
        click("subscribe");
        click("product-sku-boots");
        click("add-to-cart");
        awaitDelivered();
        List<String> anonymous =
            await()
                .atMost(PATIENCE)
                .until(() -> withoutPageLeaves(types(events(anon))), t -> t.size() >= 6);
        assertThat(anonymous)
            .containsExactly(
                "add_to_cart",
                "newsletter_signup",
                "page_view",
                "page_view",
                "page_view",
                "product_view");

        // Identify, then the network goes down while the shopper checks out and pays.
        driver.findElement(By.id("email")).sendKeys(shopper);
        driver.findElement(By.cssSelector("#sign-in button")).click();
        awaitDelivered();
        network.offline();
        click("checkout");
        click("place-order");
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    network.dropped.get() > 0
                        && ((Number) js("return waymark.failures()")).intValue() > 0);
        assertThat(pending()).isPositive();
        assertThat(types(events(shopper))).doesNotContain("purchase");

        // Back online; the first answer is lost on the way back, so the batch is sent twice.
        network.loseAnswers(1);
        network.online();
        awaitDelivered();
        assertThat(network.lostAnswers.get()).isEqualTo(1);
        Files.write(
            Browser.ARTIFACTS.resolve("demo-shop-order-placed.png"),
            driver.getScreenshotAs(OutputType.BYTES));
      } finally {
        driver.quit();
      }

      // The user's history includes what the browser did before identifying (identity link).
      List<JsonNode> all =
          await()
              .atMost(PATIENCE)
              .until(() -> events(shopper), e -> withoutPageLeaves(types(e)).size() >= 11);
      assertThat(withoutPageLeaves(types(all)))
          .containsExactly(
              "add_to_cart",
              "checkout",
              "identify",
              "newsletter_signup",
              "page_view",
              "page_view",
              "page_view",
              "page_view",
              "page_view",
              "product_view",
              "purchase");
      List<JsonNode> identified =
          all.stream()
              .filter(e -> e.has("user_id") && e.get("user_id").asText().equals(shopper))
              .toList();
      assertThat(withoutPageLeaves(types(identified)))
          .containsExactly("checkout", "identify", "page_view", "page_view", "purchase");
      String anon =
          identified.stream()
              .filter(e -> e.get("type").asText().equals("identify"))
              .findFirst()
              .orElseThrow()
              .get("anonymous_id")
              .asText();
      assertThat(all.stream().map(e -> e.get("event_id").asText()).collect(Collectors.toSet()))
          .as("every event stored once")
          .hasSize(all.size());
      assertThat(identified)
          .allSatisfy(
              e -> {
                assertThat(e.get("user_id").asText()).isEqualTo(shopper);
                assertThat(e.get("anonymous_id").asText()).isEqualTo(anon);
              });
      JsonNode purchase =
          identified.stream()
              .filter(e -> e.get("type").asText().equals("purchase"))
              .findFirst()
              .orElseThrow();
      assertThat(purchase.get("currency").asText()).isEqualTo("EUR");
      assertThat(purchase.get("amount").asDouble()).isEqualTo(89.9);
      assertThat(all)
          .filteredOn(e -> e.get("type").asText().equals("page_leave"))
          .isNotEmpty()
          .allSatisfy(e -> assertThat(e.get("properties").get("visible_ms").asLong()).isPositive());

      JsonNode journey =
          api().get("/api/v1/users/" + shopper + "/journey?from=2026-03-01", ADMIN_KEY).json();
      assertThat(journey.toString()).contains("o-").contains("/demo/shop.html?page=checkout");
    }
  }
}
