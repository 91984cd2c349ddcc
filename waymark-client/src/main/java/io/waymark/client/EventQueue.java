package io.waymark.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between callers and the sender thread. It numbers events as they enter, so a
 * flush can wait for exactly the events queued before it, and it hands out batches: full ones at
 * once, partial ones after the linger time, or at once when a flush or close asks for them.
 */
final class EventQueue {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Event> events = new ArrayDeque<>();
  private final int capacity;
  private long entered;
  private long taken;
  private long finished;
  private long hurryUntil;
  private boolean closed;

  EventQueue(int capacity) {
    this.capacity = capacity;
  }

  /** Adds the event unless the queue is full or closed; never waits. */
  boolean offer(Event e) {
    lock.lock();
    try {
      if (closed || events.size() >= capacity) {
        return false;
      }
      events.addLast(e);
      entered++;
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return events.size();
    } finally {
      lock.unlock();
    }
  }

  /** Asks for everything queued so far to be sent without lingering; returns its sequence. */
  long hurry() {
    lock.lock();
    try {
      hurryUntil = Math.max(hurryUntil, entered);
      changed.signalAll();
      return entered;
    } finally {
      lock.unlock();
    }
  }

  /** Refuses new events and lets the sender take the rest without lingering. */
  void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits for a first event, then up to {@code lingerNanos} for the batch to fill. Returns an empty
   * list only when the queue is closed and empty.
   */
  List<Event> nextBatch(int max, long lingerNanos) throws InterruptedException {
    lock.lock();
    try {
      while (events.isEmpty() && !closed) {
        changed.await();
      }
      long left = lingerNanos;
      while (events.size() < max && !closed && hurryUntil <= taken && left > 0) {
        left = changed.awaitNanos(left);
      }
      List<Event> batch = new ArrayList<>(Math.min(max, events.size()));
      while (batch.size() < max && !events.isEmpty()) {
        batch.add(events.pollFirst());
      }
      taken += batch.size();
      return batch;
    } finally {
      lock.unlock();
    }
  }

  /** Takes everything still queued (when the client gives up at close). */
  List<Event> drain() {
    lock.lock();
    try {
      List<Event> rest = new ArrayList<>(events);
      events.clear();
      taken += rest.size();
      return rest;
    } finally {
      lock.unlock();
    }
  }

  /** The sender is done with {@code n} taken events (delivered, rejected or failed). */
  void finished(int n) {
    lock.lock();
    try {
      finished += n;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until the first {@code sequence} events are finished; false on timeout. */
  boolean awaitFinished(long sequence, long timeoutNanos) throws InterruptedException {
    lock.lock();
    try {
      long left = timeoutNanos;
      while (finished < sequence) {
        if (left <= 0) {
          return false;
        }
        left = changed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }
}
