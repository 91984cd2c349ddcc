package io.waymark.exports;

import io.waymark.outbound.OutboundGuard;
import io.waymark.outbound.OutboundHttp;
import io.waymark.platform.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each file of a run to the export's webhook: the file as the body, signed like the alert
 * webhooks ({@code X-Waymark-Signature: sha256=HMAC-SHA256(secret, timestamp + "." + body)} with
 * {@code X-Waymark-Timestamp}); any 2xx is delivered, anything else is retried with exponential
 * backoff until the attempts run out.
 */
final class WebhookDelivery implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);

  /** How a file's delivery ended. */
  record Outcome(boolean delivered, int attempts, String error) {}

  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private final ExportSettings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final OutboundHttp http;

  WebhookDelivery(ExportSettings settings, Clock clock, Sleeper sleeper, OutboundHttp http) {
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
    this.http = http;
  }

  Outcome deliver(
      ExportConfig export, String runId, LocalDate day, String name, long rows, Path file)
      throws IOException, InterruptedException {
    byte[] body = Files.readAllBytes(file);
    String error = null;
    int attempt = 0;
    while (attempt < settings.webhookMaxAttempts()) {
      attempt++;
      String timestamp = String.valueOf(clock.instant().getEpochSecond());
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", export.format().mediaType);
      headers.put("User-Agent", "Waymark-Exports/1");
      headers.put("X-Waymark-Event", "export_file");
      headers.put("X-Waymark-Export", export.name());
      headers.put("X-Waymark-Run", runId);
      headers.put("X-Waymark-Date", day.toString());
      headers.put("X-Waymark-File", name);
      headers.put("X-Waymark-Rows", Long.toString(rows));
      headers.put("X-Waymark-Timestamp", timestamp);
      headers.put(
          "X-Waymark-Signature",
          "sha256=" + WebhookSignature.sign(export.webhookSecret(), timestamp, body));
      try {
        OutboundHttp.Posted r =
            http.post(URI.create(export.webhookUrl()), headers, body, settings.webhookTimeout());
        if (r.status() / 100 == 2) {
          return new Outcome(true, attempt, null);
        }
        error = "receiver answered " + r.status();
      } catch (OutboundGuard.Refused e) {
        // The address stays refused until the URL or the allow-list change: no retries.
        return new Outcome(
            false, attempt, "refused: " + e.getMessage() + "; nothing was sent. Change the URL");
      } catch (IOException e) {
        error = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      log.warn(
          "export webhook try failed: export={} run={} file={} attempt={} of {} error=\"{}\"",
          export.name(),
          runId,
          name,
          attempt,
          settings.webhookMaxAttempts(),
          error);
      if (attempt < settings.webhookMaxAttempts()) {
        sleeper.sleep(backoff(attempt));
      }
    }
    return new Outcome(false, attempt, error);
  }

  long backoff(int attempt) {
    long base = settings.webhookBackoff().toMillis();
    return Math.min(settings.webhookMaxBackoff().toMillis(), base << Math.min(20, attempt - 1));
  }

  @Override
  public void close() throws IOException {
    http.close();
  }
}
