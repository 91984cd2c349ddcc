package io.waymark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through Debian's chromedriver (never a downloaded one), with a
 * fresh profile and HOME under target/, and the few helpers the browser tests need.
 */
public final class Browser implements AutoCloseable {

  private static final Path TARGET = Path.of("target");
  private static final Path SHOTS = TARGET.resolve("screenshots");

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final ChromeDriver driver;
  private final String base;

  public Browser(String base, String name) {
    this.base = base;
    try {
      Path home = Files.createDirectories(TARGET.resolve("chromium-home"));
      Path profile = Files.createTempDirectory(Files.createDirectories(TARGET), "chromium-" + name);
      ChromeOptions options = new ChromeOptions();
      options.setBinary("/usr/bin/chromium");
      options.addArguments(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--remote-debugging-pipe",
          "--lang=en-GB",
          "--user-data-dir=" + profile.toAbsolutePath());
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
              .withEnvironment(java.util.Map.of("HOME", home.toAbsolutePath().toString()))
              .withLogFile(TARGET.resolve("chromedriver-" + name + ".log").toFile())
              .build();
      driver = new ChromeDriver(service, options);
      driver.manage().window().setSize(new Dimension(1280, 860));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  public void open(String path) {
    driver.get(base + path);
  }

  public WebElement find(String css) {
    return await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)), TIMEOUT);
  }

  /** Waits for a condition; on timeout says what the page showed and keeps a screenshot. */
  private <T> T await(
      java.util.function.Function<? super WebDriver, T> condition, Duration atMost) {
    try {
      return new WebDriverWait(driver, atMost).until(condition);
    } catch (TimeoutException e) {
      Path shot = screenshot("failed-" + System.currentTimeMillis());
      throw new AssertionError(
          "timed out at "
              + driver.getCurrentUrl()
              + " waiting for "
              + condition
              + "; screenshot "
              + shot
              + "; the page showed:\n"
              + js("return document.body.innerText"),
          e);
    }
  }

  public List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  public String text(String css) {
    return find(css).getText();
  }

  public void waitForText(String css, String text) {
    await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text), TIMEOUT);
  }

  public void waitUntil(java.util.function.Supplier<Boolean> condition, Duration atMost) {
    await(d -> condition.get() ? Boolean.TRUE : null, atMost);
  }

  public void click(String css) {
    await(ExpectedConditions.elementToBeClickable(By.cssSelector(css)), TIMEOUT).click();
  }

  public void type(String css, String text) {
    WebElement e = find(css);
    e.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"));
    e.sendKeys(org.openqa.selenium.Keys.DELETE);
    if (!text.isEmpty()) {
      e.sendKeys(text);
    }
  }

  public Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  public String path() {
    return (String) js("return location.pathname");
  }

  public void login(String username, String password) {
    open("/login");
    type("#username", username);
    type("#password", password);
    click("[data-testid=login-submit]");
    find("[data-testid=who]");
  }

  public void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Saves a PNG under target/screenshots; returns its path. */
  public Path screenshot(String name) {
    try {
      // Let charts finish drawing and fonts settle.
      Thread.sleep(400);
      Path file = Files.createDirectories(SHOTS).resolve(name + ".png");
      // The whole page, not only the window: grow the window to the page's height meanwhile.
      Dimension window = driver.manage().window().getSize();
      long page = ((Number) js("return document.documentElement.scrollHeight")).longValue();
      long inner = ((Number) js("return window.innerHeight")).longValue();
      int height = (int) Math.min(3000, window.getHeight() + Math.max(0, page - inner));
      driver.manage().window().setSize(new Dimension(window.getWidth(), height));
      try {
        Files.copy(
            driver.getScreenshotAs(OutputType.FILE).toPath(),
            file,
            StandardCopyOption.REPLACE_EXISTING);
      } finally {
        driver.manage().window().setSize(window);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
