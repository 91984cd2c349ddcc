package io.waymark.privacy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.admin.Actors;
import io.waymark.platform.ApiException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Erasure (GDPR) requests: start one, follow its progress, read its report and the audit log. */
@RestController
@Tag(name = "Privacy")
@SecurityRequirement(name = "bearer")
class ErasureController {

  private static final int MAX_USER_ID = 256;

  private final ErasureService erasures;

  ErasureController(ErasureService erasures) {
    this.erasures = erasures;
  }

  /**
   * An erasure request as the API shows it. {@code user_id} is shown until the erasure completes;
   * {@code user_pseudonym} (what the audit keeps) always.
   */
  record ErasureView(
      String id,
      String userId,
      String userPseudonym,
      String status,
      String step,
      int attempts,
      boolean suppress,
      String requestedBy,
      Instant requestedAt,
      Instant updatedAt,
      Instant finishedAt,
      String error,
      ErasureReport report,
      String href) {

    static ErasureView of(ErasureRequest r) {
      return new ErasureView(
          r.id(),
          r.userId(),
          r.userPseudonym(),
          r.status().name().toLowerCase(Locale.ROOT),
          r.step(),
          r.attempts(),
          r.suppress(),
          r.requestedBy(),
          r.requestedAt(),
          r.updatedAt(),
          r.finishedAt(),
          r.error(),
          r.report(),
          "/api/v1/privacy/erasures/" + r.id());
    }
  }

  /** One page of requests, newest first; pass {@code next_before} back as {@code before}. */
  record ErasurePage(List<ErasureView> requests, Instant nextBefore) {}

  @Operation(
      summary = "Erase a user everywhere (GDPR); answers 202 with the request to follow",
      description =
          "Erases the user's events, sessions, profiles, stream state, alerts, quarantined"
              + " records, identity links and imported data, and destroys the user's key so the"
              + " Kafka log keeps nothing readable. Idempotent: while a request for the user is"
              + " open the same request is returned. With suppress=true later events for the user"
              + " are accepted but not recorded; without it they start a new history.")
  @DeleteMapping("/api/v1/users/{id}")
  ResponseEntity<ErasureView> eraseUser(
      @PathVariable String id,
      @Parameter(description = "stop recording this user's events after the erasure")
          @RequestParam(defaultValue = "false")
          boolean suppress,
      Authentication who) {
    return start(id, suppress, who);
  }

  @Operation(
      summary = "Erase a user (the profile contract's path); the same as DELETE /api/v1/users/{id}")
  @DeleteMapping("/v1/user/{user_id}")
  ResponseEntity<ErasureView> eraseUserByContract(
      @PathVariable("user_id") String userId,
      @RequestParam(defaultValue = "false") boolean suppress,
      Authentication who) {
    return start(userId, suppress, who);
  }

  private ResponseEntity<ErasureView> start(String userId, boolean suppress, Authentication who) {
    if (userId.isBlank()) {
      throw ApiException.badRequest("user_id", "must not be blank");
    }
    if (userId.length() > MAX_USER_ID) {
      throw ApiException.badRequest(
          "user_id", "is " + userId.length() + " characters; at most " + MAX_USER_ID);
    }
    ErasureView v = ErasureView.of(erasures.request(userId, suppress, Actors.name(who)));
    return ResponseEntity.accepted().location(URI.create(v.href())).body(v);
  }

  @Operation(
      summary = "Erasure requests, newest first: the privacy audit log",
      description =
          "A completed request names its user by pseudonym only (user_pseudonym; user_id is"
              + " gone with the rest of the person's data). ?user=<id> finds a user's requests,"
              + " completed ones too, by that pseudonym.")
  @GetMapping("/api/v1/privacy/erasures")
  ErasurePage list(
      @Parameter(description = "a user id: the requests for that user (matched by pseudonym)")
          @RequestParam(required = false)
          String user,
      @Parameter(description = "only requests made before this instant (ISO-8601)")
          @RequestParam(required = false)
          String before,
      @RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 500) {
      throw ApiException.badRequest("limit", "must be between 1 and 500, was " + limit);
    }
    Long beforeMillis = null;
    if (before != null) {
      try {
        beforeMillis = Instant.parse(before).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw ApiException.badRequest(
            "before", "must be an ISO-8601 instant such as 2026-03-02T12:00:00Z");
      }
    }
    List<ErasureView> page =
        erasures.list(user, beforeMillis, limit).stream().map(ErasureView::of).toList();
    Instant next = page.size() == limit ? page.get(page.size() - 1).requestedAt() : null;
    return new ErasurePage(page, next);
  }

  @Operation(summary = "One erasure request: its progress and, when done, its verification report")
  @GetMapping("/api/v1/privacy/erasures/{id}")
  ErasureView get(@PathVariable String id) {
    return erasures.find(id).map(ErasureView::of).orElseThrow(() -> notFound(id));
  }

  @Operation(summary = "Run a failed erasure request again")
  @PostMapping("/api/v1/privacy/erasures/{id}/retry")
  ResponseEntity<ErasureView> retry(@PathVariable String id) {
    ErasureView v = erasures.retry(id).map(ErasureView::of).orElseThrow(() -> notFound(id));
    return ResponseEntity.accepted().location(URI.create(v.href())).body(v);
  }

  private static ApiException notFound(String id) {
    return ApiException.notFound("id", "no erasure request " + id);
  }
}
