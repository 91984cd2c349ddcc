package io.waymark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;

/**
 * The Data → Imports page in headless Chromium, in the style of {@link WebAppIT}: an analyst
 * uploads a small transactions file and watches the job complete with its counts and errors.
 */
class ImportsPageIT extends EndToEndTest {

  @TempDir Path dir;

  @Test
  void anAnalystUploadsAFileAndSeesTheJobCompleteWithItsCounts() throws IOException {
    var r =
        api()
            .post(
                "/api/v1/accounts",
                ADMIN_KEY,
                "{\"username\":\"web-importer\",\"password\":\"long-enough-password\","
                    + "\"role\":\"analyst\"}");
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
    Path file = dir.resolve("transactions.csv");
    Files.writeString(
        file,
        "transaction_id,order_id,user_id,timestamp,status,amount,currency,payment_method,items\r\n"
            + "web-t1,o-1,web-buyer,2026-02-20T10:00:00Z,completed,59.90,EUR,card,p-42:1\r\n"
            + "web-t2,o-2,web-buyer,2026-02-21T10:00:00Z,refunded,12.00,EUR,\"paypal, express\",\r\n"
            + "web-t3,o-3,web-buyer,2026-02-22T10:00:00Z,completed,-3.00,EUR,card,\r\n");
    try (Browser browser = new Browser("http://127.0.0.1:" + port, "imports")) {
      browser.login("web-importer", "long-enough-password");
      browser.click("[data-testid=nav-data]");
      browser.click("a[href='/data/imports']");
      browser.find("[data-testid=imports-list]");
      browser
          .driver()
          .findElement(org.openqa.selenium.By.id("import-file"))
          .sendKeys(file.toString());
      assertThat(new Select(browser.find("#import-kind")).getFirstSelectedOption().getText())
          .isEqualTo("Transactions");
      browser.click("[data-testid=import-submit]");
      browser.waitUntil(
          () ->
              "completed"
                  .equals(browser.find("[data-testid=import-job]").getAttribute("data-status")),
          Duration.ofSeconds(30));
      assertThat(browser.text("[data-testid=job-read]")).isEqualTo("3");
      assertThat(browser.text("[data-testid=job-accepted]")).isEqualTo("2");
      assertThat(browser.text("[data-testid=job-quarantined]")).isEqualTo("1");
      assertThat(browser.text("[data-testid=job-errors]"))
          .contains("amount")
          .contains("must be between 0 and 1e12");
      browser.waitForText("[data-testid=imports-list]", "transactions.csv");
      Path shot = browser.screenshot("20-imports");
      if (Boolean.getBoolean("update.screenshots")) {
        Path docs = Files.createDirectories(Path.of("..", "docs", "screenshots"));
        Files.copy(shot, docs.resolve(shot.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
