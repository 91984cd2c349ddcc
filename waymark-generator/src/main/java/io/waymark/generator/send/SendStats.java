package io.waymark.generator.send;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of a send run, read by the progress reporter from another thread. */
final class SendStats {

  final AtomicLong sent = new AtomicLong();
  final AtomicLong accepted = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  final AtomicLong unsent = new AtomicLong();

  /** One line of counters, e.g. for the progress report. */
  String line() {
    return "sent "
        + sent.get()
        + ", accepted "
        + accepted.get()
        + ", rejected "
        + rejected.get()
        + ", errors "
        + errors.get();
  }
}
