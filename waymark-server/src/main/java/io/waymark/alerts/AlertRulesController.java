package io.waymark.alerts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Alert rules as data: list, create, change, enable or disable, delete. Changes apply at once. */
@RestController
@RequestMapping("/api/v1/alert-rules")
@Tag(name = "Alerts")
@SecurityRequirement(name = "bearer")
class AlertRulesController {

  private final AlertRules rules;

  AlertRulesController(AlertRules rules) {
    this.rules = rules;
  }

  /** A rule as the API shows it. */
  record RuleView(
      int id,
      int revision,
      String name,
      String description,
      String kind,
      double threshold,
      Duration window,
      long windowSeconds,
      String eventType,
      String currency,
      String severity,
      boolean enabled,
      Instant createdAt,
      Instant updatedAt) {
    static RuleView of(AlertRule r) {
      return new RuleView(
          r.id(),
          r.revision(),
          r.name(),
          r.description(),
          r.kind().name().toLowerCase(java.util.Locale.ROOT),
          r.threshold(),
          r.window(),
          r.window().toSeconds(),
          r.effectiveEventType(),
          r.currency(),
          r.severity().name().toLowerCase(java.util.Locale.ROOT),
          r.enabled(),
          r.createdAt(),
          r.updatedAt());
    }
  }

  /** All rules. */
  record RuleList(List<RuleView> items) {}

  @Operation(summary = "All alert rules")
  @GetMapping
  RuleList list() {
    return new RuleList(rules.list().stream().map(RuleView::of).toList());
  }

  @Operation(summary = "One alert rule")
  @GetMapping("/{id}")
  RuleView get(@PathVariable int id) {
    return RuleView.of(rules.find(id).orElseThrow(() -> AlertRules.notFound(id)));
  }

  @Operation(
      summary = "Create a rule",
      description =
          "kind: event_count (more than threshold events, of event_type or of any type, in the"
              + " window), amount_sum (amounts of event_type, default purchase, in the window),"
              + " new_identity_purchase (a purchase above threshold from an identity first seen"
              + " less than the window earlier). window: 60s, 10m, 1h or ISO-8601 (PT1M).")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  RuleView create(@RequestBody RuleInput input) {
    return RuleView.of(rules.create(input.forCreate()));
  }

  @Operation(summary = "Replace a rule (every required field)")
  @PutMapping("/{id}")
  RuleView replace(@PathVariable int id, @RequestBody RuleInput input) {
    rules.find(id).orElseThrow(() -> AlertRules.notFound(id));
    return RuleView.of(rules.update(id, input.forCreate()));
  }

  @Operation(summary = "Change some fields of a rule, e.g. {\"enabled\": false}")
  @PatchMapping("/{id}")
  RuleView patch(@PathVariable int id, @RequestBody RuleInput input) {
    AlertRule existing = rules.find(id).orElseThrow(() -> AlertRules.notFound(id));
    return RuleView.of(rules.update(id, input.onto(existing)));
  }

  @Operation(summary = "Delete a rule (its alerts stay)")
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable int id) {
    rules.delete(id);
  }
}
