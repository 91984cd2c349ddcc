package io.waymark.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.admin.ApiKeyPrincipal;
import io.waymark.admin.ApiKeys;
import io.waymark.platform.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The collector's rate limits (admin): the default every key gets, and a key's own limit in events
 * per second with its bucket size. Changes apply at once on this instance, within 30 s on others.
 */
@RestController
@Tag(name = "Rate limits", description = "Per-key collector rate limits (admin)")
@SecurityRequirement(name = "bearer")
class RateLimitsController {

  static final double MAX_RATE = 10_000_000;
  static final double MAX_BURST = 1_000_000_000;

  private final ApiKeys keys;
  private final CollectorSettings settings;
  private final IngestService ingest;

  RateLimitsController(ApiKeys keys, CollectorSettings settings, IngestService ingest) {
    this.keys = keys;
    this.settings = settings;
    this.ingest = ingest;
  }

  /** A rate limit: events per second and bucket size in events. */
  record Limit(double eventsPerSecond, double burst) {}

  /** A key's effective limit; {@code source} is key (its own) or default. */
  record KeyLimit(String keyId, String name, double eventsPerSecond, double burst, String source) {}

  /** The default limit and every key that has its own. */
  record RateLimits(Limit defaultLimit, List<KeyLimit> keys, int appliesWithinSeconds) {}

  /** The body of a PUT: events per second, and optionally the bucket size. */
  record LimitRequest(Double eventsPerSecond, Double burst) {}

  @Operation(summary = "The default rate limit and the keys with their own (admin)")
  @GetMapping("/api/v1/admin/rate-limits")
  RateLimits all() {
    CollectorSettings.RateLimit d = settings.rateLimit();
    List<KeyLimit> own =
        keys.active().stream().filter(k -> k.rateLimit() != null).map(this::view).toList();
    return new RateLimits(new Limit(d.eventsPerSecond(), d.burst()), own, 30);
  }

  @Operation(summary = "A key's effective rate limit (admin)")
  @GetMapping("/api/v1/keys/{id}/rate-limit")
  KeyLimit get(@PathVariable String id) {
    return view(keys.find(id).orElseThrow(() -> unknown(id)));
  }

  @Operation(
      summary = "Set a key's own rate limit (admin)",
      description =
          "Body {\"events_per_second\": 50, \"burst\": 100}: events_per_second above 0 and at most"
              + " 10,000,000; burst (the bucket, in events) at least 1 and at most 1,000,000,000,"
              + " derived from the rate like the default's when left out. Applies at once on this"
              + " instance and within 30 s on others, without a restart.")
  @PutMapping("/api/v1/keys/{id}/rate-limit")
  KeyLimit set(@PathVariable String id, @RequestBody(required = false) LimitRequest body) {
    Double rate = body == null ? null : body.eventsPerSecond();
    Double burst = body == null ? null : body.burst();
    List<ApiException.Problem> problems = new ArrayList<>();
    if (rate == null || !(rate > 0 && rate <= MAX_RATE)) {
      problems.add(
          new ApiException.Problem(
              "events_per_second", "is required: more than 0 and at most " + (long) MAX_RATE));
    }
    if (burst != null && !(burst >= 1 && burst <= MAX_BURST)) {
      problems.add(
          new ApiException.Problem("burst", "must be at least 1 and at most " + (long) MAX_BURST));
    }
    if (!problems.isEmpty()) {
      throw new ApiException(400, problems);
    }
    return view(keys.setRateLimit(id, rate, burst).orElseThrow(() -> unknown(id)));
  }

  @Operation(summary = "Return a key to the default rate limit (admin)")
  @DeleteMapping("/api/v1/keys/{id}/rate-limit")
  KeyLimit reset(@PathVariable String id) {
    return view(keys.setRateLimit(id, null, null).orElseThrow(() -> unknown(id)));
  }

  private KeyLimit view(ApiKeyPrincipal k) {
    if (k.rateLimit() == null) {
      CollectorSettings.RateLimit d = settings.rateLimit();
      return new KeyLimit(k.id(), k.name(), d.eventsPerSecond(), d.burst(), "default");
    }
    double burst = k.rateLimitBurst() != null ? k.rateLimitBurst() : ingest.burstFor(k.rateLimit());
    return new KeyLimit(k.id(), k.name(), k.rateLimit(), burst, "key");
  }

  private static ApiException unknown(String id) {
    return ApiException.notFound(
        "id", "no API key " + id + " (revoked or never issued); GET /api/v1/keys lists them");
  }
}
