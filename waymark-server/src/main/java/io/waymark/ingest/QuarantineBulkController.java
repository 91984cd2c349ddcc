package io.waymark.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.platform.ApiException;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Replay or discard many quarantined items at once, by ids or by filter, bounded (admin). */
@RestController
@Tag(name = "Quarantine")
@SecurityRequirement(name = "bearer")
class QuarantineBulkController {

  private final QuarantineReview review;

  QuarantineBulkController(QuarantineReview review) {
    this.review = review;
  }

  /**
   * A bulk request: {@code ids}, or a {@code filter} (the open items matching it, newest first, at
   * most {@code limit}); {@code reason} is required to discard.
   */
  record BulkRequest(List<UUID> ids, FilterBody filter, Integer limit, String reason) {}

  /** The filter of a bulk request, as in the listing. */
  record FilterBody(String source, String q, String from, String to) {}

  /** What each item of a bulk request came to. */
  record BulkResult(List<QuarantineReview.BulkOutcome> items) {}

  @Operation(
      summary = "Replay many quarantined items as they were (admin)",
      description =
          "Body {\"ids\": [...]} or {\"filter\": {source, q, from, to}, \"limit\": n}: at most "
              + QuarantineReview.MAX_BULK
              + " items; each result says replayed, already_replayed, invalid (with errors),"
              + " conflict or not_found.")
  @PostMapping("/api/v1/quarantine/replay")
  BulkResult replayMany(@RequestBody(required = false) BulkRequest body, Authentication who) {
    return new BulkResult(review.bulk(targets(body), null, QuarantineRequests.actor(who)));
  }

  @Operation(
      summary = "Discard many quarantined items with one reason (admin)",
      description = "Body as for bulk replay, plus the required \"reason\".")
  @PostMapping("/api/v1/quarantine/discard")
  BulkResult discardMany(@RequestBody(required = false) BulkRequest body, Authentication who) {
    String reason = QuarantineRequests.reason(body == null ? null : body.reason());
    return new BulkResult(review.bulk(targets(body), reason, QuarantineRequests.actor(who)));
  }

  private List<UUID> targets(BulkRequest body) {
    if (body == null || (body.ids() == null) == (body.filter() == null)) {
      throw ApiException.badRequest("ids", "send either ids or filter (not both)");
    }
    if (body.ids() != null) {
      if (body.ids().isEmpty() || body.ids().size() > QuarantineReview.MAX_BULK) {
        throw ApiException.badRequest(
            "ids",
            "must hold 1 to " + QuarantineReview.MAX_BULK + " ids, got " + body.ids().size());
      }
      return body.ids().stream().distinct().toList();
    }
    int limit = body.limit() == null ? QuarantineReview.MAX_BULK : body.limit();
    if (limit < 1 || limit > QuarantineReview.MAX_BULK) {
      throw ApiException.badRequest(
          "limit", "must be between 1 and " + QuarantineReview.MAX_BULK + ", got " + limit);
    }
    FilterBody f = body.filter();
    return review.openMatching(
        QuarantineRequests.filter(f.source(), f.q(), f.from(), f.to()), limit);
  }
}
