package io.waymark.alerts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.platform.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Webhooks that receive alerts, and their delivery log. */
@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Alerts")
@SecurityRequirement(name = "bearer")
class WebhooksController {

  private final Webhooks webhooks;

  WebhooksController(Webhooks webhooks) {
    this.webhooks = webhooks;
  }

  /** A webhook as sent by a client. */
  record WebhookInput(String name, String url, String minSeverity, Boolean enabled) {}

  /** A webhook as shown; {@code secret} only in the answer to its creation. */
  record WebhookView(
      String id,
      String name,
      String url,
      String minSeverity,
      boolean enabled,
      Instant createdAt,
      String secret) {
    static WebhookView of(Webhooks.Webhook w, boolean withSecret) {
      return new WebhookView(
          w.id(),
          w.name(),
          w.url(),
          w.minSeverity().name().toLowerCase(Locale.ROOT),
          w.enabled(),
          Instant.ofEpochMilli(w.createdAt()),
          withSecret ? w.secret() : null);
    }
  }

  /** All webhooks. */
  record WebhookList(List<WebhookView> items) {}

  /** One delivery and its attempts. */
  record DeliveryView(
      String id,
      String alertId,
      String status,
      int attempts,
      Instant nextAttemptAt,
      Integer lastStatusCode,
      String lastError,
      Instant createdAt,
      Instant deliveredAt,
      List<AttemptView> log) {}

  /** One try. */
  record AttemptView(int attempt, Instant at, Integer statusCode, String error, long durationMs) {}

  /** The newest deliveries of a webhook. */
  record DeliveryList(List<DeliveryView> items) {}

  @Operation(summary = "All webhooks (secrets are not shown)")
  @GetMapping
  WebhookList list() {
    return new WebhookList(webhooks.list().stream().map(w -> WebhookView.of(w, false)).toList());
  }

  @Operation(
      summary = "Add a webhook; the answer shows its signing secret once",
      description =
          "Each alert is POSTed as JSON with X-Waymark-Timestamp and X-Waymark-Signature:"
              + " sha256=HMAC-SHA256(secret, timestamp + '.' + body) in hex. 400 for a url that"
              + " is not http(s), or whose host is or resolves to a loopback, link-local, private"
              + " or other internal address (\"is refused: ...\") unless"
              + " waymark.outbound.allowed-networks allows it. The secret is stored encrypted.")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  WebhookView create(@RequestBody WebhookInput in) {
    return WebhookView.of(
        webhooks.create(
            in.name(),
            in.url(),
            in.minSeverity() == null ? null : Severity.parse("min_severity", in.minSeverity()),
            in.enabled() == null || in.enabled()),
        true);
  }

  @Operation(
      summary = "Change a webhook's URL, minimum severity or enabled flag",
      description = "The url is checked as for a create (400 \"is refused: ...\").")
  @PatchMapping("/{id}")
  WebhookView update(@PathVariable String id, @RequestBody WebhookInput in) {
    if (in.name() != null) {
      throw ApiException.badRequest("name", "cannot be changed; create a new webhook instead");
    }
    return WebhookView.of(
        webhooks.update(
            id,
            in.url(),
            in.minSeverity() == null ? null : Severity.parse("min_severity", in.minSeverity()),
            in.enabled()),
        false);
  }

  @Operation(summary = "Delete a webhook (pending deliveries are cancelled)")
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable String id) {
    webhooks.delete(id);
  }

  @Operation(summary = "A webhook's newest deliveries with every attempt")
  @GetMapping("/{id}/deliveries")
  DeliveryList deliveries(@PathVariable String id, @RequestParam(defaultValue = "50") int limit) {
    webhooks.find(id).orElseThrow(() -> Webhooks.notFound(id));
    if (limit < 1 || limit > 500) {
      throw ApiException.badRequest("limit", "must be between 1 and 500, got " + limit);
    }
    return new DeliveryList(
        webhooks.deliveries(id, limit).stream()
            .map(
                d ->
                    new DeliveryView(
                        d.id(),
                        d.alertId(),
                        d.status(),
                        d.attempts(),
                        "pending".equals(d.status())
                            ? Instant.ofEpochMilli(d.nextAttemptAt())
                            : null,
                        d.lastStatusCode(),
                        d.lastError(),
                        Instant.ofEpochMilli(d.createdAt()),
                        d.deliveredAt() == null ? null : Instant.ofEpochMilli(d.deliveredAt()),
                        webhooks.attempts(d.id()).stream()
                            .map(
                                a ->
                                    new AttemptView(
                                        a.attempt(),
                                        Instant.ofEpochMilli(a.at()),
                                        a.statusCode(),
                                        a.error(),
                                        a.durationMs()))
                            .toList()))
            .toList());
  }
}
