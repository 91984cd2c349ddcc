package io.waymark.exports;

import io.waymark.platform.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
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
  private final HttpClient http;

  WebhookDelivery(ExportSettings settings, Clock clock, Sleeper sleeper) {
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
    this.http = HttpClient.newBuilder().connectTimeout(settings.webhookTimeout()).build();
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
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(URI.create(export.webhookUrl()))
                    .timeout(settings.webhookTimeout())
                    .header("Content-Type", export.format().mediaType)
                    .header("User-Agent", "Waymark-Exports/1")
                    .header("X-Waymark-Event", "export_file")
                    .header("X-Waymark-Export", export.name())
                    .header("X-Waymark-Run", runId)
                    .header("X-Waymark-Date", day.toString())
                    .header("X-Waymark-File", name)
                    .header("X-Waymark-Rows", Long.toString(rows))
                    .header("X-Waymark-Timestamp", timestamp)
                    .header(
                        "X-Waymark-Signature",
                        "sha256=" + WebhookSignature.sign(export.webhookSecret(), timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 == 2) {
          return new Outcome(true, attempt, null);
        }
        error = "receiver answered " + r.statusCode();
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
  public void close() {
    http.close();
  }
}
