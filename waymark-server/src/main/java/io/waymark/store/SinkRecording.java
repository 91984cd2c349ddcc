package io.waymark.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The writes committed since a compaction took its snapshot (sink batches, and any other write to
 * the store such as an erasure's deletes or imported facts), kept in order so they can be replayed
 * into the new file; capped, because they are held in memory.
 */
final class SinkRecording {

  /** One recorded write: a sink batch, or another idempotent write to replay as it is. */
  record Write(SinkBatch batch, DuckDbStore.SqlAction action) {
    void replay(DuckDbInstance target) throws java.sql.SQLException {
      if (batch != null) {
        target.writer.write(batch);
      } else {
        action.run(target.root);
      }
    }
  }

  private List<Write> batches;
  private long events;
  private long cap;
  private boolean overflowed;

  synchronized void start(long maxEvents) {
    batches = new ArrayList<>();
    events = 0;
    cap = maxEvents;
    overflowed = false;
  }

  /** Keeps {@code batch} if a recording is on; past the cap, drops the recording. */
  synchronized void add(SinkBatch batch) {
    if (batches == null) {
      return;
    }
    events += batch.events().size();
    if (events > cap) {
      batches = null;
      overflowed = true;
      return;
    }
    batches.add(new Write(batch, null));
  }

  /** Keeps an idempotent write other than a sink batch, if a recording is on. */
  synchronized void add(DuckDbStore.SqlAction action) {
    if (batches != null) {
      batches.add(new Write(null, action));
    }
  }

  /** The batches recorded since the last call; fails when more arrived than the cap allows. */
  synchronized List<Write> drain() {
    if (overflowed) {
      throw new StoreException(
          "more than "
              + cap
              + " events arrived while the store was being copied; compaction abandoned. Run it"
              + " at a quieter time or raise waymark.store.compaction.max-buffered-events.");
    }
    if (batches == null) {
      throw new StoreException("no compaction snapshot is open");
    }
    List<Write> out = batches;
    batches = new ArrayList<>();
    return out;
  }

  synchronized void stop() {
    batches = null;
    overflowed = false;
  }
}
