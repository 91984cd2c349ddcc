/**
 * The Waymark Java client: build events with {@link io.waymark.client.Event}, send them with {@link
 * io.waymark.client.WaymarkClient} (background batching, bounded queue, retries).
 */
package io.waymark.client;
