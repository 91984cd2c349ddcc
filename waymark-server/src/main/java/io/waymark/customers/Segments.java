package io.waymark.customers;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The segment rules, evaluated at an explicit instant. With the default settings: {@code new} first
 * seen less than 14 days ago; {@code active} last seen less than 7 days ago; {@code high_value}
 * lifetime revenue of at least 1000; {@code at_risk} last seen 30 to 60 days ago; {@code lapsed} 60
 * to 90 days ago; {@code churned} more than 90 days ago.
 */
final class Segments {

  static final String NEW = "new";
  static final String ACTIVE = "active";
  static final String HIGH_VALUE = "high_value";
  static final String AT_RISK = "at_risk";
  static final String LAPSED = "lapsed";
  static final String CHURNED = "churned";

  private final CustomerSettings settings;

  Segments(CustomerSettings settings) {
    this.settings = settings;
  }

  /**
   * The customer's segments in a fixed order: new, active, high_value, at_risk, lapsed, churned.
   */
  List<String> of(Instant firstSeen, Instant lastSeen, BigDecimal lifetimeRevenue, Instant at) {
    List<String> out = new ArrayList<>();
    if (firstSeen != null && Duration.between(firstSeen, at).compareTo(settings.newFor()) < 0) {
      out.add(NEW);
    }
    Duration idle = lastSeen == null ? null : Duration.between(lastSeen, at);
    if (idle != null && idle.compareTo(settings.activeWithin()) < 0) {
      out.add(ACTIVE);
    }
    if (lifetimeRevenue.compareTo(settings.highValueRevenue()) >= 0) {
      out.add(HIGH_VALUE);
    }
    if (idle != null) {
      if (within(idle, settings.atRiskAfter(), settings.atRiskUntil())) {
        out.add(AT_RISK);
      } else if (idle.compareTo(settings.atRiskUntil()) >= 0
          && idle.compareTo(settings.churnedAfter()) <= 0) {
        out.add(LAPSED);
      } else if (idle.compareTo(settings.churnedAfter()) > 0) {
        out.add(CHURNED);
      }
    }
    return out;
  }

  private static boolean within(Duration d, Duration from, Duration until) {
    return d.compareTo(from) >= 0 && d.compareTo(until) < 0;
  }
}
