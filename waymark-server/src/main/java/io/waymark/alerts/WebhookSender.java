package io.waymark.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.outbound.OutboundGuard;
import io.waymark.outbound.OutboundHttp;
import io.waymark.outbound.Redaction;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to webhooks: a JSON POST signed with HMAC-SHA256 over {@code
 * "<timestamp>.<body>"} ({@code X-Waymark-Signature: sha256=<hex>}, {@code X-Waymark-Timestamp});
 * any 2xx is success; anything else is retried with exponential backoff (a {@code Retry-After} is
 * honoured) until the attempts run out. Every try is logged.
 */
final class WebhookSender implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

  private final Webhooks webhooks;
  private final AlertStore alerts;
  private final ObjectMapper json;
  private final AlertSettings settings;
  private final Clock clock;
  private final OutboundHttp http;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("waymark-webhooks").daemon().factory());

  WebhookSender(
      Webhooks webhooks,
      AlertStore alerts,
      ObjectMapper json,
      AlertSettings settings,
      Clock clock,
      OutboundHttp http) {
    this.webhooks = webhooks;
    this.alerts = alerts;
    this.json = json;
    this.settings = settings;
    this.clock = clock;
    this.http = http;
  }

  /** Resumes the deliveries that were still pending when the process stopped. */
  void resumePending() {
    for (Webhooks.Delivery d : webhooks.pending()) {
      schedule(d.id(), 0);
    }
  }

  void schedule(String deliveryId, long delayMillis) {
    timer.schedule(() -> attempt(deliveryId), delayMillis, TimeUnit.MILLISECONDS);
  }

  private void attempt(String deliveryId) {
    try {
      Optional<Webhooks.Delivery> found = webhooks.delivery(deliveryId);
      if (found.isEmpty() || !"pending".equals(found.get().status())) {
        return;
      }
      Webhooks.Delivery d = found.get();
      Optional<Webhooks.Webhook> hook = webhooks.find(d.webhookId());
      Optional<AlertStore.Stored> alert = alerts.find(UUID.fromString(d.alertId()));
      if (hook.isEmpty() || !hook.get().enabled() || alert.isEmpty()) {
        String why =
            hook.isEmpty()
                ? "webhook was deleted"
                : !hook.get().enabled() ? "webhook is disabled" : "alert was erased";
        webhooks.recordAttempt(d, null, why, 0, "cancelled", clock.millis());
        return;
      }
      send(d, hook.get(), alert.get());
    } catch (RuntimeException e) {
      log.error("webhook delivery {} could not be attempted; retrying in 5 s", deliveryId, e);
      schedule(deliveryId, 5_000);
    }
  }

  private void send(Webhooks.Delivery d, Webhooks.Webhook hook, AlertStore.Stored alert) {
    int attempt = d.attempts() + 1;
    byte[] body = body(d, attempt, alert);
    String timestamp = String.valueOf(clock.instant().getEpochSecond());
    long started = System.nanoTime();
    Integer status = null;
    String error = null;
    Long retryAfter = null;
    boolean refused = false;
    try {
      OutboundHttp.Posted r =
          http.post(
              URI.create(hook.url()),
              Map.of(
                  "Content-Type",
                  "application/json",
                  "User-Agent",
                  "Waymark-Webhooks/1",
                  "X-Waymark-Event",
                  "alert",
                  "X-Waymark-Delivery",
                  d.id(),
                  "X-Waymark-Timestamp",
                  timestamp,
                  "X-Waymark-Signature",
                  "sha256=" + sign(hook.secret(), timestamp, body)),
              body,
              settings.webhookTimeout());
      status = r.status();
      if (status / 100 != 2) {
        error = "receiver answered " + status;
        retryAfter = r.retryAfter().map(WebhookSender::seconds).orElse(null);
      }
    } catch (OutboundGuard.Refused e) {
      // Not a passing failure: the address stays refused until the URL or the allow-list change.
      error = "refused: " + e.getMessage() + "; nothing was sent. Change the webhook's URL";
      refused = true;
    } catch (java.io.IOException e) {
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    long took = (System.nanoTime() - started) / 1_000_000;
    if (error == null) {
      webhooks.recordAttempt(d, status, null, took, "delivered", clock.millis());
      return;
    }
    if (refused || attempt >= settings.webhookMaxAttempts()) {
      log.warn(
          "webhook '{}' ({}) gave up on alert {} after {} attempts: {}. Check the receiver; the"
              + " delivery log is at GET /api/v1/webhooks/{}/deliveries",
          hook.name(),
          Redaction.url(hook.url()),
          d.alertId(),
          attempt,
          error,
          hook.id());
      webhooks.recordAttempt(d, status, error, took, "failed", clock.millis());
      return;
    }
    long delay = backoff(attempt, retryAfter);
    webhooks.recordAttempt(d, status, error, took, "pending", clock.millis() + delay);
    schedule(d.id(), delay);
  }

  long backoff(int attempt, Long retryAfterSeconds) {
    long max = settings.webhookMaxBackoff().toMillis();
    if (retryAfterSeconds != null) {
      return Math.min(max, Math.max(0, retryAfterSeconds) * 1000);
    }
    long base = settings.webhookBackoff().toMillis();
    return Math.min(max, base << Math.min(20, attempt - 1));
  }

  private byte[] body(Webhooks.Delivery d, int attempt, AlertStore.Stored alert) {
    try {
      return json.writeValueAsBytes(
          Map.of(
              "type",
              "alert",
              "delivery_id",
              d.id(),
              "attempt",
              attempt,
              "alert",
              AlertView.of(alert)));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("could not encode webhook body for " + d.alertId(), e);
    }
  }

  static String sign(String secret, String timestamp, byte[] body) {
    return io.waymark.platform.WebhookSignature.sign(secret, timestamp, body);
  }

  private static Long seconds(String header) {
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public void close() throws java.io.IOException {
    timer.shutdownNow();
    http.close();
  }
}
