package io.waymark.demo;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.admin.ApiKeys;
import io.waymark.admin.Role;
import io.waymark.ingest.CollectorServerHandle;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the demo shop page needs to load the snippet: an ingest key made for the demo (never the
 * bootstrap key; a new one each start, the previous one revoked) that allows the page's origin, and
 * the collector URL. Exists only with {@code waymark.demo.enabled=true}.
 */
@RestController
@ConditionalOnProperty(name = "waymark.demo.enabled", havingValue = "true")
@Tag(name = "Demo", description = "Demo mode only (waymark.demo.enabled=true)")
class DemoController {

  static final String KEY_NAME = "demo shop key";

  private final ApiKeys keys;
  private final CollectorServerHandle collector;
  private final DemoOrigins origins;
  private String keyId;
  private String secret;

  DemoController(ApiKeys keys, CollectorServerHandle collector, DemoSettings settings) {
    this.keys = keys;
    this.collector = collector;
    this.origins = new DemoOrigins(settings.origins());
  }

  /** The demo page's settings. */
  record DemoConfig(String ingestKey, String endpoint) {}

  @Operation(
      summary = "The demo shop's ingest key and collector URL (demo mode only)",
      description =
          "Answers only when Waymark runs with waymark.demo.enabled=true (./waymark run --demo):"
              + " a write-only key created for the demo that allows the calling page's origin"
              + " (from the Host header) when it is a loopback origin (at most 8) or one of"
              + " waymark.demo.origins; 400 for a Host that is no origin, 403 for any other"
              + " origin, 409 once the demo key holds 8 loopback origins.")
  @GetMapping("/api/v1/demo/config")
  synchronized DemoConfig config(HttpServletRequest request) {
    String host = request.getHeader(HttpHeaders.HOST);
    if (host == null || host.isBlank()) {
      host = request.getServerName() + ":" + request.getServerPort();
    }
    String origin = origins.of(request.getScheme(), host);
    if (secret == null) {
      keys.revokeNamed(KEY_NAME);
      ApiKeys.IssuedKey issued = keys.create(KEY_NAME, Role.INGEST, null);
      keyId = issued.key().id();
      secret = issued.secret();
      keys.setOrigins(keyId, origins.configured());
    }
    List<String> allowed = List.copyOf(keys.find(keyId).orElseThrow().origins());
    List<String> added = origins.add(allowed, origin);
    if (added != allowed) {
      keys.setOrigins(keyId, added);
    }
    String endpoint =
        collector.port() > 0
            ? request.getScheme() + "://" + hostName(host) + ":" + collector.port()
            : origin;
    return new DemoConfig(secret, endpoint);
  }

  private static String hostName(String host) {
    if (host.startsWith("[")) {
      return host.substring(0, host.indexOf(']') + 1);
    }
    int colon = host.lastIndexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }
}
