/**
 * Sessions as events stream in: the per-user stream processor applies the 30-minute rule in event
 * time, closes quiet sessions through an expiry index, and emits closed sessions to the {@code
 * sessions} topic; late events within the grace period update or merge the right sessions.
 */
package io.waymark.sessions;
