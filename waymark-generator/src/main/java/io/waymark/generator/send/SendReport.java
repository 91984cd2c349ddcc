package io.waymark.generator.send;

import io.waymark.client.ClientListener;
import io.waymark.client.Event;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the client reports, turned into the run's counters and messages: rejections are printed (the
 * first ten), retries at most every few seconds, and a refused key or a collector that stays away
 * ends the run.
 */
final class SendReport implements ClientListener {

  private static final int MAX_REPORTED_REJECTIONS = 10;
  private static final Duration NOTICE_EVERY = Duration.ofSeconds(5);

  private final SendStats stats;
  private final Clock clock;
  private final Stopper stopper;
  private final String url;
  private final Duration giveUpAfter;
  private final PrintStream err;
  private int reportedRejections;
  private Instant lastNotice;
  private volatile String fatal;

  SendReport(
      SendStats stats,
      Clock clock,
      Stopper stopper,
      String url,
      Duration giveUpAfter,
      PrintStream err) {
    this.stats = stats;
    this.clock = clock;
    this.stopper = stopper;
    this.url = url;
    this.giveUpAfter = giveUpAfter;
    this.err = err;
  }

  /** Why the run cannot go on, or null. */
  String fatal() {
    return fatal;
  }

  @Override
  public void delivered(int accepted, int rejected) {
    stats.sent.addAndGet(accepted + rejected);
    stats.accepted.addAndGet(accepted);
    stats.rejected.addAndGet(rejected);
  }

  @Override
  public void rejected(Event event, String field, String reason) {
    report("rejected " + event + ": " + (field == null ? "" : field + " ") + reason);
  }

  @Override
  public void dropped(Event event, String reason) {
    stats.unsent.incrementAndGet();
    notice("dropped an event: " + reason, Duration.ZERO);
  }

  @Override
  public void retrying(int attempt, Duration wait, String problem) {
    stats.errors.incrementAndGet();
    notice(problem, wait);
  }

  @Override
  public void failed(List<Event> events, int status, String reason) {
    stats.unsent.addAndGet(events.size());
    if (fatal != null || stopper.stopped()) {
      return;
    }
    if (status == 401 || status == 403) {
      fatal = "ingest key refused by " + url + ": " + reason;
    } else if (status == 0) {
      fatal =
          "cannot reach "
              + url
              + " for "
              + giveUpAfter.toSeconds()
              + " s ("
              + reason
              + "); is Waymark running there?";
    } else {
      fatal = url + " kept failing for " + giveUpAfter.toSeconds() + " s: " + reason;
    }
    stopper.stop();
  }

  /** Says why events are retried, at most every few seconds so an outage does not flood. */
  private synchronized void notice(String problem, Duration wait) {
    Instant now = clock.instant();
    boolean due = lastNotice == null || !now.isBefore(lastNotice.plus(NOTICE_EVERY));
    if (due && !stopper.stopped()) {
      err.printf(
          Locale.ROOT,
          "waymark-generator: %s; retrying the same events in %.1f s%n",
          problem,
          wait.toMillis() / 1000.0);
      lastNotice = now;
    }
  }

  private synchronized void report(String message) {
    if (reportedRejections < MAX_REPORTED_REJECTIONS) {
      err.println("waymark-generator: " + message);
    } else if (reportedRejections == MAX_REPORTED_REJECTIONS) {
      err.println("waymark-generator: further rejections are only counted");
    }
    reportedRejections++;
  }
}
