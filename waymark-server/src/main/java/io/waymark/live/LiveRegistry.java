package io.waymark.live;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live windows of the partitions this instance processes, by task. The stream processor
 * registers a window when it takes a partition and removes it when it gives the partition up.
 */
public final class LiveRegistry {

  private final ConcurrentHashMap<String, LiveWindow> windows = new ConcurrentHashMap<>();

  public LiveWindow open(String task) {
    return windows.computeIfAbsent(task, t -> new LiveWindow());
  }

  public void close(String task) {
    windows.remove(task);
  }

  Collection<LiveWindow> windows() {
    return windows.values();
  }
}
