package io.waymark.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins' view of the requests the collector refused for a missing or unknown key: how many since
 * start, and the latest few (decision 42). They are not in the quarantine.
 */
@RestController
@Tag(
    name = "Collector",
    description = "Send events (also served on the collector port, 8081 by default)")
@SecurityRequirement(name = "bearer")
class UnauthenticatedRequestsController {

  private final IngestService ingest;

  UnauthenticatedRequestsController(IngestService ingest) {
    this.ingest = ingest;
  }

  /** Refusals counted since this instance started, by reason. */
  record Counts(long missingKey, long unknownKey) {}

  /** The counts, the sample's size and its entries, newest first. */
  record Sample(
      Counts refusedSinceStart, int capacity, List<UnauthenticatedRequests.Entry> items) {}

  @Operation(
      summary = "Requests refused for a missing or unknown key: counts and the latest few (admin)",
      description =
          "Such requests are answered 401 from their headers, before their body is read, and are"
              + " not quarantined: nothing of their body is kept. This instance counts them since"
              + " its start and keeps the latest waymark.collector.unauthenticated-sample.size in"
              + " memory (each client address adds at most a few per second): time, endpoint,"
              + " reason (missing_key or unknown_key), the first 14 characters of the key sent,"
              + " client address, Origin, User-Agent (each cut at 200 characters) and the declared"
              + " Content-Length. The same counts are the metric"
              + " waymark_collector_unauthenticated_total{endpoint,reason}.")
  @GetMapping("/api/v1/admin/unauthenticated-requests")
  Sample sample() {
    UnauthenticatedRequests u = ingest.unauthenticatedRequests();
    return new Sample(
        new Counts(
            u.refused(UnauthenticatedRequests.Reason.MISSING_KEY),
            u.refused(UnauthenticatedRequests.Reason.UNKNOWN_KEY)),
        u.capacity(),
        u.latest());
  }
}
