package io.waymark.alerts;

/** How urgent an alert is; webhooks can be limited to a minimum severity. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL
}
