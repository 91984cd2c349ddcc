package io.waymark.customers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.customers.CustomerViews.CustomerView;
import io.waymark.customers.CustomerViews.History;
import io.waymark.platform.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The unified customer profile: current, as of an instant, and its version history. */
@RestController
@RequestMapping("/api/v1/customers")
@Tag(name = "Customers")
@SecurityRequirement(name = "bearer")
class CustomersController {

  private final CustomerService customers;

  CustomersController(CustomerService customers) {
    this.customers = customers;
  }

  @Operation(
      summary = "A customer's profile: current, or as it was at as_of",
      description =
          "The customer id is the user id (or the anonymous id of a visitor who never"
              + " identified). Without as_of the profile is recomputed from the store first, so it"
              + " reflects facts imported a moment ago. With as_of it is the SCD2 version valid"
              + " then (valid_from <= as_of < valid_to); 404 before the first version.")
  @GetMapping("/{id}")
  CustomerView customer(
      @PathVariable String id,
      @Parameter(
              description =
                  "ISO-8601 instant (2026-03-01T10:00:00Z) or date (2026-03-01 = start of that"
                      + " day, UTC)")
          @RequestParam(name = "as_of", required = false)
          String asOf) {
    Instant at = instant(asOf);
    return CustomerView.of(at == null ? customers.current(id) : customers.asOf(id, at));
  }

  @Operation(
      summary = "All versions of a customer's profile, newest first",
      description =
          "Each version lists the tracked attributes that changed from the version before it.")
  @GetMapping("/{id}/history")
  History history(@PathVariable String id) {
    return History.of(id, customers.history(id));
  }

  static Instant instant(String value) {
    if (value == null) {
      return null;
    }
    try {
      if (value.length() == 10) {
        return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "as_of",
          "must be an ISO-8601 instant like 2026-03-01T10:00:00Z or a date like 2026-03-01, got \""
              + value
              + "\"");
    }
  }
}
