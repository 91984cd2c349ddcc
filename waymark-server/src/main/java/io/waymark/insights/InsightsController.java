package io.waymark.insights;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.platform.ApiException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** KPIs for a period, and the daily business report. */
@RestController
@RequestMapping("/api/v1/insights")
@Tag(name = "Insights")
@SecurityRequirement(name = "bearer")
class InsightsController {

  private final InsightsService service;
  private final InsightsSettings settings;
  private final Clock clock;

  InsightsController(InsightsService service, InsightsSettings settings, Clock clock) {
    this.service = service;
    this.settings = settings;
    this.clock = clock;
  }

  /** A day's KPIs next to the day before's totals. */
  record DailyReport(LocalDate date, Insights day, Insights.Totals previousDay) {}

  @Operation(
      summary = "KPIs for a period: totals, daily series, funnel, top lists, new vs returning",
      description =
          "Days are local days in tz. The funnel per user counts a person (user id with its"
              + " linked anonymous ids) at a step when in the period they have at least one event"
              + " of that step and of every step before it; per session it does the same within"
              + " each closed session. Revenue is per currency, never summed across currencies.")
  @GetMapping
  Insights insights(
      @Parameter(
              description =
                  "date (start of that day in tz) or ISO-8601 instant on a quarter hour;"
                      + " default: 30 days before to")
          @RequestParam(required = false)
          String from,
      @Parameter(description = "exclusive end, same forms; default: the end of today in tz")
          @RequestParam(required = false)
          String to,
      @Parameter(
              description =
                  "instead of from and to: the last that many local days, today included (1-400)")
          @RequestParam(required = false)
          Integer days,
      @Parameter(description = "IANA time zone of the days, e.g. Europe/Madrid; default UTC")
          @RequestParam(required = false)
          String tz,
      @Parameter(description = "entries per top list, 1-100; default 10")
          @RequestParam(required = false)
          Integer limit) {
    return service.insights(
        InsightsPeriod.parse(from, to, days, tz, clock, settings), limit(limit));
  }

  @Operation(
      summary = "The daily business report: one local day's KPIs and the day before's totals",
      description = "Default: yesterday in tz (the last complete day).")
  @GetMapping("/report")
  DailyReport report(
      @Parameter(description = "the day, e.g. 2026-03-01; default: yesterday in tz")
          @RequestParam(required = false)
          String date,
      @RequestParam(required = false) String tz,
      @RequestParam(required = false) Integer limit) {
    InsightsPeriod zoneOnly = InsightsPeriod.parse(null, null, tz, clock, settings);
    LocalDate day;
    try {
      day =
          date == null || date.isBlank()
              ? LocalDate.now(clock.withZone(zoneOnly.zone())).minusDays(1)
              : LocalDate.parse(date.strip());
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("date", "must be a date like 2026-03-01, got \"" + date + "\"");
    }
    int n = limit(limit);
    Insights today = service.insights(oneDay(day, zoneOnly), n);
    Insights before = service.insights(oneDay(day.minusDays(1), zoneOnly), n);
    return new DailyReport(day, today, before.totals());
  }

  private InsightsPeriod oneDay(LocalDate day, InsightsPeriod zoneOnly) {
    return InsightsPeriod.parse(
        day.toString(), day.plusDays(1).toString(), zoneOnly.zone().getId(), clock, settings);
  }

  private int limit(Integer limit) {
    if (limit == null) {
      return settings.defaultLimit();
    }
    if (limit < 1 || limit > settings.maxLimit()) {
      throw ApiException.badRequest(
          "limit", "must be between 1 and " + settings.maxLimit() + ", got " + limit);
    }
    return limit;
  }
}
