/**
 * The ClickHouse engine of the analytical store: talks to a ClickHouse server over plain HTTP,
 * creates and migrates its own schema, and writes the sink's batches so that a crash never stores
 * an event twice or loses one (docs/clickhouse.md).
 */
package io.waymark.store.clickhouse;
