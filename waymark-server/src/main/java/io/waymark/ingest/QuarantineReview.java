package io.waymark.ingest;

import io.waymark.events.Event;
import io.waymark.events.QuarantinedItem;
import io.waymark.ingest.QuarantineDecisions.Decision;
import io.waymark.ingest.QuarantineDecisions.Status;
import io.waymark.platform.ApiException;
import io.waymark.store.AnalyticalStore;
import io.waymark.store.EventCursor;
import io.waymark.store.QuarantineFilter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reviewing quarantined items: list them with their review status, replay one through the
 * collector's own validation (optionally corrected), or discard it with a reason. The items stay in
 * the analytical store as the sink wrote them; decisions live in {@link QuarantineDecisions}.
 */
class QuarantineReview {

  private static final Logger log = LoggerFactory.getLogger(QuarantineReview.class);

  /** How many items one filtered listing reads at most before answering a shorter page. */
  static final int MAX_SCAN = 5_000;

  private final AnalyticalStore store;
  private final QuarantineDecisions decisions;
  private final IngestService ingest;
  private final Clock clock;

  QuarantineReview(
      AnalyticalStore store, QuarantineDecisions decisions, IngestService ingest, Clock clock) {
    this.store = store;
    this.decisions = decisions;
    this.ingest = ingest;
    this.clock = clock;
  }

  /** An item with its decision (null while open). */
  record Reviewed(QuarantinedItem item, Decision decision) {
    Status status() {
      return decision == null ? Status.OPEN : decision.status();
    }
  }

  /** One page; {@code next} is null on the last. */
  record Page(List<Reviewed> items, EventCursor next) {}

  /**
   * Items matching the filter and, when {@code status} is given, in that review status. A status
   * filter reads the store in chunks and keeps the matching items; after {@link #MAX_SCAN} items it
   * answers what it found with a cursor to go on from, so a page may hold fewer than {@code limit}
   * items while {@code next} is not null.
   */
  Page list(QuarantineFilter filter, Status status, EventCursor before, int limit) {
    List<Reviewed> found = new ArrayList<>();
    EventCursor cursor = before;
    int scanned = 0;
    int chunk = status == null ? limit + 1 : Math.max(200, limit + 1);
    while (true) {
      List<QuarantinedItem> items = store.quarantine(filter, cursor, chunk);
      Map<UUID, Decision> decided =
          decisions.decisions(items.stream().map(QuarantinedItem::id).toList());
      for (QuarantinedItem q : items) {
        scanned++;
        Reviewed r = new Reviewed(q, decided.get(q.id()));
        if (status == null || r.status() == status) {
          found.add(r);
          if (found.size() > limit) {
            List<Reviewed> page = found.subList(0, limit);
            return new Page(List.copyOf(page), cursorOf(page.get(limit - 1).item()));
          }
        }
        cursor = cursorOf(q);
      }
      if (items.size() < chunk) {
        return new Page(found, null);
      }
      if (scanned >= MAX_SCAN) {
        return new Page(found, cursor);
      }
    }
  }

  Reviewed get(UUID id) {
    QuarantinedItem q = store.quarantineItem(id).orElseThrow(() -> unknown(id));
    return new Reviewed(q, decisions.find(id).orElse(null));
  }

  List<QuarantineDecisions.Action> history(UUID id) {
    return decisions.history(id);
  }

  /** The outcome of a replay: the decision, and whether it had been taken before this request. */
  record Replayed(Decision decision, boolean already) {}

  /**
   * Replays the item, corrected when {@code corrected} is not null. Throws 409 when the item was
   * discarded or does not come from a collector endpoint, 422 with every field error when the
   * payload is still invalid (the item stays open and the refusal is in its history).
   */
  Replayed replay(UUID id, String corrected, String actor) {
    Reviewed r = get(id);
    if (r.status() == Status.REPLAYED) {
      return new Replayed(r.decision(), true);
    }
    if (r.status() == Status.DISCARDED) {
      throw ApiException.conflict(
          "id",
          "item "
              + id
              + " was discarded by "
              + r.decision().decidedBy()
              + "; a discarded item is not replayed");
    }
    QuarantinedItem q = r.item();
    if (!IngestService.resubmittable(q.source())) {
      throw ApiException.conflict(
          "source",
          "items from "
              + q.source()
              + " did not come to a collector endpoint, so the collector cannot replay them;"
              + " correct the source data and import it again, or discard the item");
    }
    if (corrected == null && q.payloadTruncated()) {
      throw ApiException.conflict(
          "payload",
          "only the first "
              + Quarantine.MAX_PAYLOAD_CHARS
              + " characters were kept; send the complete corrected payload as the body");
    }
    String payload = corrected != null ? corrected : q.payload();
    long now = clock.millis();
    IngestService.Resubmitted out =
        await(
            ingest.resubmit(
                new IngestService.Resubmission(id, q.source(), q.index() == null, payload)),
            id);
    if (!out.errors().isEmpty()) {
      List<ApiException.Problem> problems =
          out.errors().stream()
              .map(
                  e ->
                      new ApiException.Problem(
                          e.index() == null ? e.field() : "[" + e.index() + "]." + e.field(),
                          e.reason()))
              .toList();
      decisions.record(
          id,
          new QuarantineDecisions.Action(
              "replay_refused",
              actor,
              now,
              problems.get(0).field() + ": " + problems.get(0).reason(),
              List.of(),
              corrected != null),
          q.userKey());
      throw new ApiException(422, problems);
    }
    List<UUID> eventIds = out.events().stream().map(Event::eventId).toList();
    Decision d = new Decision(id, Status.REPLAYED, actor, now, null, eventIds, corrected != null);
    if (!decisions.decide(d, out.events().get(0).userKey())) {
      // Another reviewer decided meanwhile; their decision stands (same ids when uncorrected).
      return new Replayed(decisions.find(id).orElseThrow(), true);
    }
    log.info("quarantined item {} replayed by {} as events {}", id, actor, eventIds);
    return new Replayed(d, false);
  }

  /** Discards the item with a reason; discarding a discarded item keeps the first decision. */
  Replayed discard(UUID id, String reason, String actor) {
    Reviewed r = get(id);
    if (r.status() == Status.DISCARDED) {
      return new Replayed(r.decision(), true);
    }
    if (r.status() == Status.REPLAYED) {
      throw ApiException.conflict(
          "id",
          "item "
              + id
              + " was already replayed as events "
              + r.decision().eventIds()
              + "; it cannot be discarded");
    }
    Decision d =
        new Decision(id, Status.DISCARDED, actor, clock.millis(), reason, List.of(), false);
    if (!decisions.decide(d, r.item().userKey())) {
      Decision other = decisions.find(id).orElseThrow();
      if (other.status() != Status.DISCARDED) {
        throw ApiException.conflict(
            "id", "item " + id + " was just replayed by " + other.decidedBy());
      }
      return new Replayed(other, true);
    }
    return new Replayed(d, false);
  }

  /** At most this many items are decided by one bulk request. */
  static final int MAX_BULK = 100;

  /** What one item of a bulk request came to. */
  record BulkOutcome(
      UUID id, String outcome, List<UUID> eventIds, List<ApiException.Problem> errors) {}

  /** The open items a bulk request by filter acts on: the newest {@code limit} that match. */
  List<UUID> openMatching(QuarantineFilter filter, int limit) {
    return list(filter, Status.OPEN, null, limit).items().stream().map(r -> r.item().id()).toList();
  }

  /**
   * Replays ({@code reason} null) or discards each item in turn, never failing the whole request
   * for one item: each outcome says what happened (replayed, already_replayed, discarded,
   * already_discarded, invalid, conflict, not_found).
   */
  List<BulkOutcome> bulk(List<UUID> ids, String reason, String actor) {
    List<BulkOutcome> out = new ArrayList<>();
    for (UUID id : ids) {
      try {
        Replayed r = reason == null ? replay(id, null, actor) : discard(id, reason, actor);
        String verb = reason == null ? "replayed" : "discarded";
        out.add(
            new BulkOutcome(
                id, r.already() ? "already_" + verb : verb, r.decision().eventIds(), List.of()));
      } catch (ApiException e) {
        String outcome =
            switch (e.status()) {
              case 404 -> "not_found";
              case 409 -> "conflict";
              case 422 -> "invalid";
              default -> throw e;
            };
        out.add(new BulkOutcome(id, outcome, List.of(), e.problems()));
      }
    }
    return out;
  }

  private static IngestService.Resubmitted await(
      java.util.concurrent.CompletableFuture<IngestService.Resubmitted> f, UUID id) {
    try {
      return f.get(2, TimeUnit.MINUTES);
    } catch (ExecutionException | CompletionException | TimeoutException e) {
      log.error(
          "replaying quarantined item {}: the event log did not acknowledge the events: {}."
              + " Nothing was recorded; check the Kafka broker and replay again.",
          id,
          e.toString());
      throw new ApiException(
          503, null, "the event log did not acknowledge the replayed events; replay again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, null, "interrupted while replaying; replay again");
    }
  }

  static EventCursor cursorOf(QuarantinedItem q) {
    return new EventCursor(q.receivedAt(), q.id());
  }

  static ApiException unknown(UUID id) {
    return ApiException.notFound(
        "id",
        "no quarantined item "
            + id
            + " (it may not have reached the store yet); GET /api/v1/quarantine lists them");
  }
}
