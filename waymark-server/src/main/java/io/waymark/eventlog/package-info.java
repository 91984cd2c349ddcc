/**
 * The event log: the embedded Kafka broker, topics and the producer every accepted event goes
 * through.
 */
package io.waymark.eventlog;
