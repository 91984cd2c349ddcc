package io.waymark.ingest;

import io.waymark.admin.AccountPrincipal;
import io.waymark.admin.ApiKeyPrincipal;
import io.waymark.ingest.QuarantineDecisions.Status;
import io.waymark.platform.ApiException;
import io.waymark.store.QuarantineFilter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.springframework.security.core.Authentication;

/** Reads the parameters of the quarantine endpoints, answering 400 with the field at fault. */
final class QuarantineRequests {

  private QuarantineRequests() {}

  static String reason(String reason) {
    if (reason == null || reason.isBlank() || reason.length() > 1000) {
      throw ApiException.badRequest("reason", "is required, at most 1000 characters");
    }
    return reason.trim();
  }

  static Status status(String s) {
    return Status.parse(s)
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    "status", "must be open, replayed or discarded, got \"" + s + "\""));
  }

  static QuarantineFilter filter(String source, String q, String from, String to) {
    Long fromMillis = instant("from", from);
    Long toMillis = instant("to", to);
    if (fromMillis != null && toMillis != null && fromMillis >= toMillis) {
      throw ApiException.badRequest("to", "must be after from");
    }
    return new QuarantineFilter(blankToNull(source), blankToNull(q), fromMillis, toMillis);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
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

  static UUID uuid(String id) {
    try {
      if (id.length() == 36) {
        return UUID.fromString(id);
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw ApiException.badRequest("id", "must be a quarantine id (a UUID), got \"" + id + "\"");
  }

  static String actor(Authentication who) {
    if (who == null) {
      return "unknown";
    }
    // A web app session's principal is the account record, whose toString is not a name.
    if (who.getPrincipal() instanceof AccountPrincipal a) {
      return a.username();
    }
    return who.getPrincipal() instanceof ApiKeyPrincipal k ? "key:" + k.name() : who.getName();
  }
}
