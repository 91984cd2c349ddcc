/**
 * The analytical store: one narrow interface ({@link io.waymark.store.AnalyticalStore}) with the
 * embedded DuckDB implementation, and the sink that moves the log into it exactly once.
 */
package io.waymark.store;
