package io.waymark.store.clickhouse;

import java.util.List;

/**
 * What a purge after an erasure found: whether ClickHouse finished every deletion (mutation) on
 * Waymark's tables, which superseded parts (the copies from before the rewrite) were still on disk
 * when it stopped waiting, and when they were gone (epoch ms; null while some remain).
 */
public record PurgeReport(
    boolean mutationsDone, List<String> partsLeft, Long goneAtMillis, long waitedMillis) {

  /** Nothing deleted is left in any data file. */
  public boolean physicallyGone() {
    return mutationsDone && partsLeft.isEmpty();
  }
}
