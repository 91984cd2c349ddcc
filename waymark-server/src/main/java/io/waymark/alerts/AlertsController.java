package io.waymark.alerts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.events.Event;
import io.waymark.platform.ApiException;
import io.waymark.platform.EventStreams;
import io.waymark.store.AnalyticalStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Fired alerts: list with filters, one alert with its evidence events, acknowledge, live push. */
@RestController
@RequestMapping("/api/v1/alerts")
@Tag(name = "Alerts")
@SecurityRequirement(name = "bearer")
class AlertsController {

  private static final int EVIDENCE_EVENTS = 100;

  private final AlertStore alerts;
  private final AlertPush push;
  private final EventStreams streams;
  private final AnalyticalStore store;
  private final Clock clock;

  AlertsController(
      AlertStore alerts, AlertPush push, AnalyticalStore store, Clock clock, EventStreams streams) {
    this.streams = streams;
    this.alerts = alerts;
    this.push = push;
    this.store = store;
    this.clock = clock;
  }

  /** One page of alerts; pass {@code next_page_token} back as {@code page_token}. */
  record AlertPage(List<AlertView> items, String nextPageToken) {}

  /** An alert with the events of its window (as far as the store has them). */
  record AlertDetail(AlertView alert, List<EvidenceEvent> events) {}

  /** An event in an alert's window. */
  record EvidenceEvent(
      UUID eventId,
      String type,
      Instant timestamp,
      String pageUrl,
      String productId,
      String orderId,
      Double amount,
      String currency) {}

  /** An acknowledgement; the note is optional. */
  record Acknowledgement(String note) {}

  @Operation(summary = "Alerts, newest first, with filters")
  @GetMapping
  AlertPage list(
      @Parameter(description = "open or acknowledged") @RequestParam(required = false)
          String status,
      @RequestParam(name = "rule_id", required = false) Integer ruleId,
      @RequestParam(name = "user_id", required = false) String userId,
      @Parameter(description = "low, medium, high or critical: this severity and above")
          @RequestParam(name = "min_severity", required = false)
          String minSeverity,
      @Parameter(description = "ISO-8601 instant: detected at or after")
          @RequestParam(required = false)
          String since,
      @Parameter(description = "ISO-8601 instant: detected before") @RequestParam(required = false)
          String until,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(name = "page_token", required = false) String pageToken) {
    if (status != null && !status.equals("open") && !status.equals("acknowledged")) {
      throw ApiException.badRequest(
          "status", "must be open or acknowledged, got \"" + status + "\"");
    }
    if (limit < 1 || limit > 500) {
      throw ApiException.badRequest("limit", "must be between 1 and 500, got " + limit);
    }
    Long beforeDetected = null;
    String beforeId = null;
    if (pageToken != null && !pageToken.isBlank()) {
      String[] parts = pageToken.split("_", 2);
      try {
        beforeDetected = Long.parseLong(parts[0]);
        beforeId = UUID.fromString(parts[1]).toString();
      } catch (RuntimeException e) {
        throw ApiException.badRequest("page_token", "is not a token this API returned");
      }
    }
    AlertStore.Filter f =
        new AlertStore.Filter(
            status,
            ruleId,
            userId,
            minSeverity == null ? null : Severity.parse("min_severity", minSeverity),
            instant("since", since),
            instant("until", until));
    List<AlertStore.Stored> page = alerts.list(f, beforeDetected, beforeId, limit + 1);
    String next = null;
    if (page.size() > limit) {
      page = page.subList(0, limit);
      Alert last = page.get(limit - 1).alert();
      next = last.detectedAt() + "_" + last.id();
    }
    return new AlertPage(page.stream().map(AlertView::of).toList(), next);
  }

  @Operation(summary = "One alert with the events of its window")
  @GetMapping("/{id}")
  AlertDetail get(@PathVariable UUID id) {
    AlertStore.Stored s = alerts.find(id).orElseThrow(() -> AlertStore.notFound(id));
    Alert a = s.alert();
    List<EvidenceEvent> events =
        store.userEvents(a.userKey(), a.windowStart(), a.windowEnd() + 1, 10_000).stream()
            .filter(e -> a.eventType() == null || a.eventType().equals(e.type()))
            .limit(EVIDENCE_EVENTS)
            .map(AlertsController::evidence)
            .toList();
    return new AlertDetail(AlertView.of(s), events);
  }

  @Operation(summary = "Acknowledge an alert (who and when are recorded)")
  @PostMapping("/{id}/acknowledge")
  AlertView acknowledge(
      @PathVariable UUID id,
      @RequestBody(required = false) Acknowledgement body,
      Authentication who) {
    String note = body == null ? null : body.note();
    if (note != null && note.length() > 1000) {
      throw ApiException.badRequest("note", "must be at most 1000 characters");
    }
    return AlertView.of(alerts.acknowledge(id, actor(who), note, clock.millis()));
  }

  @Operation(
      summary = "Alerts pushed as they fire (server-sent events, event name 'alert')",
      description = "Each event's data is an alert as in GET /api/v1/alerts. " + EventStreams.RULES)
  @ApiResponse(responseCode = "200", description = "The stream")
  @ApiResponse(responseCode = "429", description = "This account holds its most streams")
  @ApiResponse(responseCode = "503", description = "This server holds its most streams")
  @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter stream(HttpServletRequest request, HttpServletResponse response) throws IOException {
    SseEmitter emitter = streams.open(request, response);
    return emitter == null ? null : push.subscribe(emitter);
  }

  static String actor(Authentication who) {
    return io.waymark.admin.Actors.name(who);
  }

  private static EvidenceEvent evidence(Event e) {
    return new EvidenceEvent(
        e.eventId(),
        e.type(),
        Instant.ofEpochMilli(e.timestamp()),
        e.pageUrl(),
        e.productId(),
        e.orderId(),
        e.amount(),
        e.currency());
  }

  private static Long instant(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          field, "must be an ISO-8601 instant such as 2026-03-01T09:00:00Z, got \"" + value + "\"");
    }
  }
}
