package io.waymark.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.platform.ApiException;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * API keys (admin only): create with a scope (the secret is shown once), list, revoke, and set the
 * browser origins an ingest key accepts.
 */
@RestController
@RequestMapping("/api/v1/keys")
@Tag(name = "API keys", description = "API keys and the browser origins they allow (admin)")
@SecurityRequirement(name = "bearer")
class KeysController {

  private static final double MAX_RATE = 10_000_000;

  private final ApiKeys keys;

  KeysController(ApiKeys keys) {
    this.keys = keys;
  }

  /** A key as listed: its first characters identify it; the secret is never shown again. */
  record KeyView(
      String id,
      String name,
      String scope,
      String prefix,
      Double rateLimitPerSecond,
      Double rateLimitBurst,
      Instant createdAt,
      Instant revokedAt,
      List<String> origins) {
    static KeyView of(ApiKeys.Listed k) {
      return new KeyView(
          k.id(),
          k.name(),
          k.scope().apiName(),
          k.prefix(),
          k.rateLimitPerSecond(),
          k.rateLimitBurst(),
          k.createdAt(),
          k.revokedAt(),
          k.origins());
    }
  }

  /** Every key, newest first; revoked ones say when. */
  record KeyList(List<KeyView> items) {}

  /** A new key: a name, a scope (ingest, viewer, analyst, admin), an optional rate limit. */
  record NewKey(String name, String scope, Double rateLimitPerSecond) {}

  /** The body of a PUT of origins: the complete new list. */
  record OriginsRequest(List<String> origins) {}

  /** The key just created and its secret, shown this once. */
  record CreatedKey(KeyView key, String secret) {}

  @Operation(summary = "List API keys (admin)")
  @GetMapping
  KeyList list() {
    return new KeyList(keys.list().stream().map(KeyView::of).toList());
  }

  @Operation(
      summary = "Create an API key (admin); the answer holds the secret, shown only this once",
      description =
          "scope: ingest (may only send events), viewer, analyst or admin. rate_limit_per_second"
              + " (events, ingest keys) overrides the collector's default.")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  CreatedKey create(@RequestBody NewKey k) {
    Double rate = k.rateLimitPerSecond();
    new Problems()
        .check(
            k.name() == null || k.name().isBlank() || k.name().length() > 100,
            "name",
            "is required, at most 100 characters")
        .check(
            Role.parse(k.scope()).isEmpty(),
            "scope",
            "must be one of ingest, viewer, analyst, admin")
        .check(
            rate != null && !(rate > 0 && rate <= MAX_RATE),
            "rate_limit_per_second",
            "must be more than 0 and at most " + (long) MAX_RATE)
        .throwIfAny();
    ApiKeys.IssuedKey issued = keys.create(k.name().trim(), Role.parse(k.scope()).get(), rate);
    return new CreatedKey(KeyView.of(keys.byId(issued.key().id()).orElseThrow()), issued.secret());
  }

  @Operation(
      summary = "Revoke an API key (admin)",
      description =
          "It stops working at once on this instance, within 30 s on others. Revoking a"
              + " revoked key does nothing.")
  @DeleteMapping("/{id}")
  ResponseEntity<Void> revoke(@PathVariable String id) {
    keys.byId(id).orElseThrow(() -> ApiException.notFound("id", "no API key " + id));
    keys.revoke(id);
    return ResponseEntity.noContent().build();
  }

  @Operation(summary = "One key with its allowed browser origins (admin)")
  @GetMapping("/{id}")
  KeyView get(@PathVariable String id) {
    return keys.byId(id).map(KeyView::of).orElseThrow(() -> unknown(id));
  }

  @Operation(
      summary = "Replace the browser origins allowed to send events with this key (admin)",
      description =
          "Body {\"origins\": [\"https://shop.example.com\", ...]}: scheme://host[:port], http or"
              + " https, no path; at most 100; an empty list allows no cross-origin browser"
              + " requests. Takes effect within 30 s on every instance (key cache).")
  @PutMapping("/{id}/origins")
  KeyView setOrigins(@PathVariable String id, @RequestBody OriginsRequest body) {
    List<String> origins = body == null ? null : body.origins();
    List<Origins.Problem> problems = Origins.check(origins);
    if (!problems.isEmpty()) {
      throw ApiException.badRequest(problems.get(0).field(), problems.get(0).reason());
    }
    keys.setOrigins(id, origins).orElseThrow(() -> unknown(id));
    return keys.byId(id).map(KeyView::of).orElseThrow(() -> unknown(id));
  }

  private static ApiException unknown(String id) {
    return ApiException.notFound(
        "id", "no API key " + id + " (revoked or never issued); GET /api/v1/keys lists them");
  }
}
