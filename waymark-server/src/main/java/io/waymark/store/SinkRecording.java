package io.waymark.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The sink batches committed since a compaction took its snapshot, kept so they can be replayed
 * into the new file; capped, because they are held in memory.
 */
final class SinkRecording {

  private List<SinkBatch> batches;
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
    batches.add(batch);
  }

  /** The batches recorded since the last call; fails when more arrived than the cap allows. */
  synchronized List<SinkBatch> drain() {
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
    List<SinkBatch> out = batches;
    batches = new ArrayList<>();
    return out;
  }

  synchronized void stop() {
    batches = null;
    overflowed = false;
  }
}
