/**
 * The collector: authenticates, rate-limits, parses and validates incoming events, appends the
 * valid ones to the event log and quarantines the rest with their reason.
 */
package io.waymark.ingest;
