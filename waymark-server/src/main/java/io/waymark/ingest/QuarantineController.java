package io.waymark.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.events.QuarantinedItem;
import io.waymark.ingest.QuarantineDecisions.Decision;
import io.waymark.platform.ApiException;
import io.waymark.store.EventCursor;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Review what the collector refused: list and inspect (analyst, admin), replay corrected or as it
 * was, or discard with a reason (admin). Every decision records who and when.
 */
@RestController
@Tag(name = "Quarantine")
@SecurityRequirement(name = "bearer")
class QuarantineController {

  private final QuarantineReview review;
  private final ObjectMapper json;

  QuarantineController(QuarantineReview review, ObjectMapper json) {
    this.review = review;
    this.json = json;
  }

  /** A decision as the API shows it. */
  record DecisionView(
      String by, Instant at, String reason, List<UUID> eventIds, boolean corrected) {
    static DecisionView of(Decision d) {
      return d == null
          ? null
          : new DecisionView(
              d.decidedBy(),
              Instant.ofEpochMilli(d.decidedAt()),
              d.reason(),
              d.eventIds().isEmpty() ? null : d.eventIds(),
              d.corrected());
    }
  }

  /** One action in an item's history: replayed, discarded or replay_refused. */
  record ActionView(
      String action, String by, Instant at, String reason, List<UUID> eventIds, boolean corrected) {
    static ActionView of(QuarantineDecisions.Action a) {
      return new ActionView(
          a.action(),
          a.actor(),
          Instant.ofEpochMilli(a.at()),
          a.reason(),
          a.eventIds().isEmpty() ? null : a.eventIds(),
          a.corrected());
    }
  }

  /**
   * One quarantined item as the API shows it. {@code status} is the HTTP status the client got;
   * {@code review_status} is open, replayed or discarded; {@code history} only in the detail.
   */
  record QuarantineView(
      UUID id,
      Instant receivedAt,
      String source,
      String keyId,
      String remoteAddress,
      int status,
      String reason,
      List<QuarantinedItem.Problem> errors,
      Integer index,
      String userKey,
      String payload,
      boolean payloadTruncated,
      String reviewStatus,
      boolean replayable,
      DecisionView decision,
      List<ActionView> history) {
    static QuarantineView of(QuarantineReview.Reviewed r, List<ActionView> history) {
      QuarantinedItem q = r.item();
      return new QuarantineView(
          q.id(),
          Instant.ofEpochMilli(q.receivedAt()),
          q.source(),
          q.keyId(),
          q.remoteAddress(),
          q.status(),
          q.reason(),
          q.errors(),
          q.index(),
          q.userKey(),
          q.payload(),
          q.payloadTruncated(),
          r.status().apiName(),
          IngestService.resubmittable(q.source()),
          DecisionView.of(r.decision()),
          history);
    }
  }

  /** A page of quarantined items, newest first. */
  record QuarantinePage(List<QuarantineView> items, String nextPageToken) {}

  /** The answer to a replay or a discard. */
  record DecisionResult(
      UUID id, String reviewStatus, boolean alreadyDecided, DecisionView decision) {}

  /** A discard: why the item is not replayed. */
  record DiscardRequest(String reason) {}

  @Operation(summary = "List quarantined input, newest first, with filters (analyst, admin)")
  @GetMapping("/api/v1/quarantine")
  QuarantinePage list(
      @Parameter(description = "open, replayed or discarded") @RequestParam(required = false)
          String status,
      @Parameter(description = "source prefix, e.g. http:/api/v1/events or import:")
          @RequestParam(required = false)
          String source,
      @Parameter(description = "text in the reason or the field errors (case-insensitive)")
          @RequestParam(required = false)
          String q,
      @Parameter(description = "ISO-8601 instant: received at or after")
          @RequestParam(required = false)
          String from,
      @Parameter(description = "ISO-8601 instant: received before") @RequestParam(required = false)
          String to,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(name = "page_token", required = false) String pageToken) {
    if (limit < 1 || limit > 500) {
      throw ApiException.badRequest("limit", "must be between 1 and 500, got " + limit);
    }
    QuarantineDecisions.Status s =
        status == null || status.isBlank() ? null : QuarantineRequests.status(status);
    EventCursor before;
    try {
      before = pageToken == null || pageToken.isBlank() ? null : EventCursor.parse(pageToken);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("page_token", e.getMessage());
    }
    QuarantineReview.Page page =
        review.list(QuarantineRequests.filter(source, q, from, to), s, before, limit);
    return new QuarantinePage(
        page.items().stream().map(r -> QuarantineView.of(r, null)).toList(),
        page.next() == null ? null : page.next().token());
  }

  @Operation(summary = "One quarantined item with its payload, errors and history (analyst, admin)")
  @GetMapping("/api/v1/quarantine/{id}")
  QuarantineView get(@PathVariable String id) {
    UUID uuid = QuarantineRequests.uuid(id);
    return QuarantineView.of(
        review.get(uuid), review.history(uuid).stream().map(ActionView::of).toList());
  }

  @Operation(
      summary = "Replay a quarantined item through the collector's validation (admin)",
      description =
          "No body (or {}) replays the payload as it was quarantined. A corrected payload is sent as"
              + " {\"payload\": \"<the corrected event as text>\"} or as the corrected event"
              + " itself. Valid: the events are appended to the log (acknowledged before the"
              + " answer) and the item becomes replayed with their ids; replaying again answers"
              + " the same decision. Still invalid: 422 with every field error, the item stays"
              + " open. 409 for a discarded item or one that did not come to a collector"
              + " endpoint (e.g. an import row).")
  @PostMapping("/api/v1/quarantine/{id}/replay")
  DecisionResult replay(
      @PathVariable String id, @RequestBody(required = false) String body, Authentication who) {
    UUID uuid = QuarantineRequests.uuid(id);
    return result(uuid, review.replay(uuid, corrected(body), QuarantineRequests.actor(who)));
  }

  @Operation(summary = "Discard a quarantined item with a reason (admin)")
  @PostMapping("/api/v1/quarantine/{id}/discard")
  DecisionResult discard(
      @PathVariable String id,
      @RequestBody(required = false) DiscardRequest body,
      Authentication who) {
    UUID uuid = QuarantineRequests.uuid(id);
    return result(
        uuid,
        review.discard(
            uuid,
            QuarantineRequests.reason(body == null ? null : body.reason()),
            QuarantineRequests.actor(who)));
  }

  private static DecisionResult result(UUID id, QuarantineReview.Replayed r) {
    return new DecisionResult(
        id, r.decision().status().apiName(), r.already(), DecisionView.of(r.decision()));
  }

  /** The corrected payload of a replay body, or null to replay the item as it was. */
  private String corrected(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      JsonNode node = json.readTree(body);
      if (node != null && node.isObject() && node.isEmpty()) {
        return null;
      }
      if (node != null && node.isObject() && node.size() == 1 && node.has("payload")) {
        JsonNode p = node.get("payload");
        if (p.isContainerNode()) {
          return p.toString();
        }
        if (!p.isTextual() || p.asText().isBlank()) {
          throw ApiException.badRequest(
              "payload", "must be the corrected event, as a JSON object or as text");
        }
        return p.asText();
      }
    } catch (IOException notJson) {
      // Not JSON at all (e.g. NDJSON): the body is the corrected payload itself.
    }
    return body;
  }
}
