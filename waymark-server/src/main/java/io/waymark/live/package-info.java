/**
 * Live metrics: per-partition minute buckets filled by the stream processor and merged at query
 * time (active users, top pages, sessions per user, events and unique users per minute).
 */
package io.waymark.live;
