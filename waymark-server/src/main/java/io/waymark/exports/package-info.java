/**
 * Exports: a daily copy of analytics (events, sessions, the daily business report, customer
 * profiles) as Parquet, CSV or NDJSON files, kept under the data directory and delivered to a
 * directory or a signed webhook, on a UTC schedule claimed once in the metadata database.
 */
package io.waymark.exports;
