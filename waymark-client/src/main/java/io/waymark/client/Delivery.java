package io.waymark.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Delivers one batch: resends the same events (same event ids, fresh {@code sent_at}) on 429, 5xx
 * and connection errors until the attempts or the retry time run out; never retries other 4xx.
 * Splits a batch the collector finds too large (413) in halves. Once the key is refused (401/403)
 * nothing more is sent: every later batch fails at once, because it would be refused too.
 */
final class Delivery {

  /** How hard to try: at most {@code maxAttempts} requests, and stop retrying after {@code for}. */
  record Retries(int maxAttempts, Duration retryFor) {}

  private final HttpClient http;
  private final URI endpoint;
  private final String authorization;
  private final Duration requestTimeout;
  private final EventJson json = new EventJson();
  private final Backoff backoff;
  private final Retries retries;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Outcomes outcomes;
  private volatile String refusal;

  Delivery(
      HttpClient http,
      URI endpoint,
      String key,
      Duration requestTimeout,
      Backoff backoff,
      Retries retries,
      Sleeper sleeper,
      Clock clock,
      Outcomes outcomes) {
    this.http = http;
    this.endpoint = endpoint;
    this.authorization = "Bearer " + key;
    this.requestTimeout = requestTimeout;
    this.backoff = backoff;
    this.retries = retries;
    this.sleeper = sleeper;
    this.clock = clock;
    this.outcomes = outcomes;
  }

  /** Sends the batch and reports its outcome; interrupted: reports it failed and rethrows. */
  void deliver(List<Event> batch) throws InterruptedException {
    if (refusal != null) {
      outcomes.failed(batch, 401, refusal);
      return;
    }
    Instant firstFailure = null;
    for (int attempt = 1; ; attempt++) {
      String problem;
      String retryAfter = null;
      int status = 0;
      try {
        HttpResponse<String> r = http.send(request(batch), HttpResponse.BodyHandlers.ofString());
        status = r.statusCode();
        EventJson.Answer answer = json.answer(r.body());
        if (status == 413 && batch.size() > 1) {
          deliver(batch.subList(0, batch.size() / 2));
          deliver(batch.subList(batch.size() / 2, batch.size()));
          return;
        }
        if (status == 401 || status == 403) {
          refusal = "the key was refused (HTTP " + status + "): " + answer.message();
          outcomes.failed(batch, status, answer.message());
          return;
        }
        if (status != 429 && status < 500) {
          answered(batch, status, answer);
          return;
        }
        problem = "HTTP " + status + " from " + endpoint + ": " + answer.message();
        retryAfter = r.headers().firstValue("Retry-After").orElse(null);
      } catch (IOException e) {
        problem = "cannot reach " + endpoint + " (" + e + ")";
      } catch (InterruptedException e) {
        outcomes.failed(batch, 0, "the client was closed before these events were delivered");
        throw e;
      }
      Instant now = clock.instant();
      firstFailure = firstFailure == null ? now : firstFailure;
      boolean outOfTime = Duration.between(firstFailure, now).compareTo(retries.retryFor()) >= 0;
      if (attempt >= retries.maxAttempts() || outOfTime) {
        outcomes.failed(batch, status, problem + "; gave up after " + attempt + " attempts");
        return;
      }
      Duration wait = backoff.delay(attempt, retryAfter);
      outcomes.retrying(attempt, wait, problem);
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        outcomes.failed(batch, status, "the client was closed while retrying: " + problem);
        throw e;
      }
    }
  }

  private HttpRequest request(List<Event> batch) {
    return HttpRequest.newBuilder(endpoint)
        .timeout(requestTimeout)
        .header("Authorization", authorization)
        .header("Content-Type", "application/json")
        .header("User-Agent", "waymark-java")
        .POST(HttpRequest.BodyPublishers.ofString(json.body(batch, clock.instant())))
        .build();
  }

  /**
   * An answer that is final: per-item errors name their event; a 4xx rejects every event, with the
   * request-wide error when there is one.
   */
  private void answered(List<Event> batch, int status, EventJson.Answer answer) {
    boolean[] rejected = new boolean[batch.size()];
    int count = 0;
    EventJson.ItemError whole = null;
    for (EventJson.ItemError e : answer.errors()) {
      if (e.index() == null) {
        whole = e;
      } else if (e.index() >= 0 && e.index() < batch.size() && !rejected[e.index()]) {
        rejected[e.index()] = true;
        count++;
        outcomes.rejected(batch.get(e.index()), e.field(), e.reason());
      }
    }
    boolean ok = status >= 200 && status < 300;
    if (!ok) {
      String field = whole != null ? whole.field() : null;
      String reason = whole != null ? whole.reason() : "HTTP " + status + ": " + answer.message();
      for (int i = 0; i < batch.size(); i++) {
        if (!rejected[i]) {
          rejected[i] = true;
          count++;
          outcomes.rejected(batch.get(i), field, reason);
        }
      }
    }
    outcomes.delivered(batch.size() - count, count);
  }
}
