package io.waymark.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.platform.ApiException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API keys for admins: list them (never their secrets) and set their allowed browser origins. */
@RestController
@RequestMapping("/api/v1/keys")
@Tag(name = "Keys", description = "API keys and the browser origins they allow (admin)")
@SecurityRequirement(name = "bearer")
class KeysController {

  private final ApiKeys keys;

  KeysController(ApiKeys keys) {
    this.keys = keys;
  }

  /** A key as admins see it. */
  record KeyView(
      String id, String name, String prefix, String role, Double rateLimit, List<String> origins) {
    static KeyView of(ApiKeyPrincipal k) {
      return new KeyView(
          k.id(),
          k.name(),
          k.prefix(),
          k.role().name().toLowerCase(java.util.Locale.ROOT),
          k.rateLimit(),
          k.origins().stream().sorted().toList());
    }
  }

  /** The body of a PUT: the complete new list. */
  record OriginsRequest(List<String> origins) {}

  record KeyList(List<KeyView> items) {}

  @Operation(summary = "List the API keys that are not revoked (ids, names, prefixes, origins)")
  @GetMapping
  KeyList list() {
    return new KeyList(keys.list().stream().map(KeyView::of).toList());
  }

  @Operation(summary = "One key with its allowed browser origins")
  @GetMapping("/{id}")
  KeyView get(@PathVariable String id) {
    return keys.find(id).map(KeyView::of).orElseThrow(() -> unknown(id));
  }

  @Operation(
      summary = "Replace the browser origins allowed to send events with this key",
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
    return keys.setOrigins(id, origins).map(KeyView::of).orElseThrow(() -> unknown(id));
  }

  private static ApiException unknown(String id) {
    return ApiException.notFound(
        "id", "no API key " + id + " (revoked or never issued); GET /api/v1/keys lists them");
  }
}
