package io.waymark.alerts;

/** What a rule measures for one user within its window. */
public enum RuleKind {
  /** More than {@code threshold} events (of {@code event_type}, or of any type) in the window. */
  EVENT_COUNT,
  /** The amounts of {@code event_type} events (default purchase) add up to more than threshold. */
  AMOUNT_SUM,
  /**
   * A purchase above {@code threshold} from an identity first seen less than the window earlier.
   */
  NEW_IDENTITY_PURCHASE
}
