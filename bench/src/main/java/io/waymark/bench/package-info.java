/** Benchmarks that start their own Waymark server and measure ingest and journey queries. */
package io.waymark.bench;
