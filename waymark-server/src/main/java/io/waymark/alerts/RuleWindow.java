package io.waymark.alerts;

import java.util.Arrays;

/**
 * The matching events of one rule for one user that are still inside the rule's window: their event
 * times (ascending) and amounts. Bounded: beyond {@code cap} entries the oldest are dropped (the
 * rule has long fired by then).
 */
final class RuleWindow {

  final int ruleId;
  final int revision;

  /** Event time (window end) of the last alert, or MIN_VALUE when it never fired. */
  long lastFired = Long.MIN_VALUE;

  long[] times;
  double[] amounts;
  int size;

  RuleWindow(int ruleId, int revision, int capacity) {
    this.ruleId = ruleId;
    this.revision = revision;
    this.times = new long[Math.max(2, capacity)];
    this.amounts = new double[times.length];
  }

  /** Inserts in event-time order (late events go where they belong). */
  void insert(long time, double amount, int cap) {
    if (size >= cap) {
      dropOldest(size - cap + 1);
    }
    if (size == times.length) {
      times = Arrays.copyOf(times, Math.max(times.length * 2, 4));
      amounts = Arrays.copyOf(amounts, times.length);
    }
    int i = size;
    while (i > 0 && times[i - 1] > time) {
      times[i] = times[i - 1];
      amounts[i] = amounts[i - 1];
      i--;
    }
    times[i] = time;
    amounts[i] = amount;
    size++;
  }

  /** Forgets entries at or before {@code horizon}: they can no longer share a window. */
  void forgetUpTo(long horizon) {
    int keepFrom = 0;
    while (keepFrom < size && times[keepFrom] <= horizon) {
      keepFrom++;
    }
    dropOldest(keepFrom);
  }

  long newest() {
    return size == 0 ? Long.MIN_VALUE : times[size - 1];
  }

  private void dropOldest(int n) {
    if (n <= 0) {
      return;
    }
    System.arraycopy(times, n, times, 0, size - n);
    System.arraycopy(amounts, n, amounts, 0, size - n);
    size -= n;
  }
}
