package io.waymark.platform;

/**
 * The threads that process the log after the fact (the stream processor, the store sink) run at
 * Java's lowest priority, so that when the CPU is saturated the collector, which holds clients
 * waiting for their acknowledgement, and the API get it first; the processors then catch up from
 * Kafka, which holds the backlog (decision 35). Java priorities reach the OS only with {@code
 * -XX:ThreadPriorityPolicy=1}; {@code -XX:JavaPriority1_To_OSPriority=10} makes the lowest one nice
 * 10. {@code ./waymark run} and the benchmarks start the server so; without the flags this changes
 * nothing.
 */
public final class BackgroundPriority {

  private BackgroundPriority() {}

  /** Lowers the calling thread (a processing thread that someone else created). */
  public static void lowerCurrentThread() {
    Thread t = Thread.currentThread();
    if (t.getPriority() != Thread.MIN_PRIORITY) {
      t.setPriority(Thread.MIN_PRIORITY);
    }
  }

  /** The priority a processing thread is created with. */
  public static int processing() {
    return Thread.MIN_PRIORITY;
  }
}
