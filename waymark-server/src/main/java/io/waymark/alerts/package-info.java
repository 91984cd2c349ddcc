/**
 * Alerts: rules stored as data, evaluated per user in the stream in event time, emitted to the
 * {@code alerts} topic, stored, listed, acknowledged, pushed live and delivered to webhooks.
 */
package io.waymark.alerts;
