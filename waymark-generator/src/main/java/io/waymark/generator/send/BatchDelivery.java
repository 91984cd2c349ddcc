package io.waymark.generator.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.generator.event.Event;
import io.waymark.generator.event.EventJson;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Delivers one batch until the collector answers it: 429 waits for Retry-After, 5xx and connection
 * errors back off exponentially (up to 30 s). A retry resends the same events with the same
 * event_ids, so nothing is lost or counted twice.
 */
final class BatchDelivery {

  static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final int MAX_REPORTED_REJECTIONS = 10;
  private static final Duration NOTICE_EVERY = Duration.ofSeconds(5);

  private final IngestClient client;
  private final EventJson json;
  private final ObjectMapper mapper;
  private final SendStats stats;
  private final Clock clock;
  private final Stopper stopper;
  private final Duration giveUpAfter;
  private final String url;
  private final PrintStream err;
  private int reportedRejections;
  private Instant lastNotice;

  BatchDelivery(
      IngestClient client,
      ObjectMapper mapper,
      SendStats stats,
      Clock clock,
      Stopper stopper,
      Duration giveUpAfter,
      String url,
      PrintStream err) {
    this.client = client;
    this.json = new EventJson(mapper);
    this.mapper = mapper;
    this.stats = stats;
    this.clock = clock;
    this.stopper = stopper;
    this.giveUpAfter = giveUpAfter;
    this.url = url;
    this.err = err;
  }

  /** Sends the batch; a stop while it waits to retry counts the batch as unsent instead. */
  void deliver(List<Event> batch) throws SendFailure {
    Duration backoff = FIRST_BACKOFF;
    Instant unreachableSince = null;
    while (true) {
      Duration wait;
      String problem;
      try {
        IngestClient.Response r = client.post(json.body(batch, clock.instant()));
        unreachableSince = null;
        if (r.status() == 401 || r.status() == 403) {
          throw new SendFailure("ingest key refused by " + url + ": " + r.body());
        }
        problem = "HTTP " + r.status() + " from " + url;
        if (r.status() == 429) {
          wait = r.retryAfter().orElse(Duration.ofSeconds(1));
        } else if (r.status() >= 500) {
          wait = backoff;
          backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
        } else {
          answered(batch.size(), r);
          return;
        }
      } catch (IOException e) {
        Instant now = clock.instant();
        unreachableSince = unreachableSince == null ? now : unreachableSince;
        if (!Duration.between(unreachableSince, now).minus(giveUpAfter).isNegative()) {
          throw new SendFailure(
              "cannot reach "
                  + url
                  + " for "
                  + giveUpAfter.toSeconds()
                  + " s ("
                  + e
                  + "); is Waymark running there?");
        }
        problem = "cannot reach " + url + " (" + e + ")";
        wait = backoff;
        backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopper.stop();
        problem = "interrupted";
        wait = Duration.ZERO;
      }
      stats.errors.incrementAndGet();
      notice(problem, wait);
      if (stopper.stopped() || !stopper.sleep(wait)) {
        stats.unsent.addAndGet(batch.size());
        return;
      }
    }
  }

  /** Counts an answered batch: 2xx carries the accepted/rejected counts, other 4xx reject all. */
  private void answered(int size, IngestClient.Response r) {
    stats.sent.addAndGet(size);
    JsonNode body = parse(r.body());
    if (r.status() >= 200 && r.status() < 300) {
      int rejected = body.path("rejected").asInt(0);
      int accepted = body.has("accepted") ? body.get("accepted").asInt() : size - rejected;
      stats.accepted.addAndGet(accepted);
      stats.rejected.addAndGet(body.has("rejected") ? rejected : size - accepted);
      for (JsonNode e : body.path("errors")) {
        report(
            "rejected event "
                + e.path("index").asText("?")
                + ": "
                + e.path("field").asText()
                + " "
                + e.path("reason").asText());
      }
    } else {
      stats.rejected.addAndGet(size);
      report("request rejected with HTTP " + r.status() + ": " + r.body());
    }
  }

  /** Says why a batch is retried, at most every few seconds so an outage does not flood. */
  private void notice(String problem, Duration wait) {
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

  private void report(String message) {
    if (reportedRejections < MAX_REPORTED_REJECTIONS) {
      err.println("waymark-generator: " + message);
    } else if (reportedRejections == MAX_REPORTED_REJECTIONS) {
      err.println("waymark-generator: further rejections are only counted");
    }
    reportedRejections++;
  }

  private JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? mapper.createObjectNode() : mapper.readTree(body);
    } catch (IOException e) {
      return mapper.createObjectNode();
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
