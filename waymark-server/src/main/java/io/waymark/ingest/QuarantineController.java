package io.waymark.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.events.QuarantinedItem;
import io.waymark.platform.ApiException;
import io.waymark.store.AnalyticalStore;
import io.waymark.store.EventCursor;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Review what the collector refused: raw payload, source, time and reason. */
@RestController
@Tag(name = "Quarantine")
@SecurityRequirement(name = "bearer")
class QuarantineController {

  private final AnalyticalStore store;

  QuarantineController(AnalyticalStore store) {
    this.store = store;
  }

  /** One quarantined item as the API shows it. */
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
      boolean payloadTruncated) {
    static QuarantineView of(QuarantinedItem q) {
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
          q.payloadTruncated());
    }
  }

  /** A page of quarantined items, newest first. */
  record QuarantinePage(List<QuarantineView> items, String nextPageToken) {}

  @Operation(summary = "List quarantined input, newest first (analyst, admin)")
  @GetMapping("/api/v1/quarantine")
  QuarantinePage list(
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(name = "page_token", required = false) String pageToken) {
    if (limit < 1 || limit > 500) {
      throw ApiException.badRequest("limit", "must be between 1 and 500, got " + limit);
    }
    EventCursor before;
    try {
      before = pageToken == null || pageToken.isBlank() ? null : EventCursor.parse(pageToken);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("page_token", e.getMessage());
    }
    List<QuarantinedItem> items = store.quarantine(before, limit + 1);
    String next = null;
    if (items.size() > limit) {
      items = items.subList(0, limit);
      QuarantinedItem last = items.get(limit - 1);
      next = new EventCursor(last.receivedAt(), last.id()).token();
    }
    return new QuarantinePage(items.stream().map(QuarantineView::of).toList(), next);
  }
}
