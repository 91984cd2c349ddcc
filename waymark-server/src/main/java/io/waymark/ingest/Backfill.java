package io.waymark.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.waymark.eventlog.EventLog;
import io.waymark.events.Event;
import io.waymark.events.QuarantinedItem;
import io.waymark.vault.SubjectVault;
import io.waymark.vault.Suppressions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The trusted entry point of bulk imports: events from a file are checked by the collector's rules
 * except the age limit (an import is backfill), carry an {@code import:} source that the stream
 * processor leaves out of sessions, live metrics and alerts, and get a name-based id when the file
 * has none, so importing the same file twice stores each event once. Every refused row is
 * quarantined: there is no per-sender budget here, nothing is dropped.
 */
public final class Backfill {

  /** Backfill has no age limit; two centuries keeps the arithmetic far from overflow. */
  private static final Duration NO_AGE_LIMIT = Duration.ofDays(365L * 200);

  private static final JsonFactory JSON = new JsonFactory();

  /** One event of a file: its row (line) number and raw JSON text. */
  public record Row(long number, byte[] raw) {}

  /** A refused row with what was wrong with it. */
  public record Rejected(
      long row, String userKey, String raw, List<QuarantinedItem.Problem> problems) {}

  /**
   * What became of a batch of rows. {@code suppressed}: the row numbers of erased people who asked
   * not to be tracked again, neither logged nor quarantined (docs/privacy.md).
   */
  public record Outcome(int accepted, List<Rejected> rejected, List<Long> suppressed) {}

  private final EventLog eventLog;
  private final String eventsTopic;
  private final Quarantine quarantine;
  private final EventRules rules;
  private final int maxEventBytes;
  private final SubjectVault vault;
  private final Suppressions suppressions;

  Backfill(
      EventLog eventLog,
      String eventsTopic,
      Quarantine quarantine,
      CollectorSettings settings,
      SubjectVault vault,
      Suppressions suppressions) {
    this.vault = vault;
    this.suppressions = suppressions;
    this.eventLog = eventLog;
    this.eventsTopic = eventsTopic;
    this.quarantine = quarantine;
    this.rules = new EventRules(settings.maxFutureSkew(), NO_AGE_LIMIT);
    this.maxEventBytes = (int) settings.maxEventBytes().toBytes();
  }

  /**
   * Checks the rows, appends the valid events to the log and quarantines the rest; completes once
   * Kafka has acknowledged every write.
   */
  CompletableFuture<Outcome> events(List<Row> rows, String source, long receivedAt) {
    List<Event> accepted = new ArrayList<>(rows.size());
    List<Rejected> rejected = new ArrayList<>();
    List<Long> suppressed = new ArrayList<>(0);
    for (Row row : rows) {
      List<FieldError> errors = new ArrayList<>(0);
      EventDraft draft = new EventDraft();
      Event e = decode(row, draft, source, receivedAt, errors);
      String userKey = e != null ? e.userKey() : draft.userKey();
      if (userKey != null && suppressions.contains(vault.pseudonym(userKey))) {
        suppressed.add(row.number());
      } else if (e != null) {
        accepted.add(e);
      } else {
        rejected.add(
            new Rejected(
                row.number(),
                draft.userKey(),
                new String(row.raw(), StandardCharsets.UTF_8),
                errors.stream()
                    .map(f -> new QuarantinedItem.Problem(f.field(), f.reason()))
                    .toList()));
      }
    }
    List<CompletableFuture<?>> writes = new ArrayList<>(2);
    writes.add(append(accepted));
    writes.add(quarantine(rejected, source, receivedAt));
    return CompletableFuture.allOf(writes.toArray(CompletableFuture<?>[]::new))
        .thenApply(ok -> new Outcome(accepted.size(), rejected, suppressed));
  }

  /** Quarantines rows refused by an importer (rows that are not events); never drops one. */
  CompletableFuture<Void> quarantine(List<Rejected> rejected, String source, long receivedAt) {
    List<CompletableFuture<?>> writes = new ArrayList<>(rejected.size());
    for (Rejected r : rejected) {
      quarantine.keepImported(item(r, source, receivedAt), writes);
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture<?>[]::new));
  }

  private Event decode(
      Row row, EventDraft draft, String source, long receivedAt, List<FieldError> errors) {
    byte[] raw = row.raw();
    if (raw.length > maxEventBytes) {
      errors.add(
          new FieldError(
              "body",
              "event is "
                  + raw.length
                  + " bytes; the limit is "
                  + maxEventBytes
                  + " bytes (waymark.collector.max-event-bytes)"));
      return null;
    }
    try (JsonParser p = JSON.createParser(raw)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        errors.add(
            new FieldError(
                "body",
                "each event must be a JSON object, got "
                    + (t == null ? "nothing" : EventReader.describe(t))));
        return null;
      }
      EventReader.read(p, Dialect.STANDARD, draft, errors, raw, 0);
      if (p.nextToken() != null) {
        errors.add(new FieldError("body", "unexpected content after the event object"));
      }
    } catch (JsonProcessingException e) {
      errors.add(
          new FieldError(
              "body", "malformed JSON on row " + row.number() + ": " + firstLine(e.getMessage())));
      return null;
    } catch (IOException e) {
      errors.add(new FieldError("body", "unreadable: " + e.getMessage()));
      return null;
    }
    if (draft.eventId == null) {
      draft.eventId = contentId(raw);
    }
    List<FieldError> ruleErrors = new ArrayList<>(0);
    Event e = rules.apply(draft, Dialect.STANDARD, receivedAt, source, ruleErrors);
    for (FieldError r : ruleErrors) {
      if (errors.stream().noneMatch(x -> x.field().equals(r.field()))) {
        errors.add(r);
      }
    }
    return errors.isEmpty() ? e : null;
  }

  /** A name-based id from the event's own text: the same row imported again gets the same id. */
  static UUID contentId(byte[] raw) {
    byte[] prefix = "import:clickstream\n".getBytes(StandardCharsets.UTF_8);
    byte[] name = new byte[prefix.length + raw.length];
    System.arraycopy(prefix, 0, name, 0, prefix.length);
    System.arraycopy(raw, 0, name, prefix.length, raw.length);
    return UUID.nameUUIDFromBytes(name);
  }

  private CompletableFuture<Void> append(List<Event> events) {
    if (events.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    SealedEvents sealed = SealedEvents.of(events, vault, suppressions);
    return eventLog.appendAll(eventsTopic, sealed.times(), sealed.keys(), sealed.values());
  }

  private static QuarantinedItem item(Rejected r, String source, long receivedAt) {
    String payload = r.raw();
    boolean cut = payload.length() > Quarantine.MAX_PAYLOAD_CHARS;
    QuarantinedItem.Problem first = r.problems().get(0);
    return new QuarantinedItem(
        UUID.nameUUIDFromBytes((source + "#" + r.row()).getBytes(StandardCharsets.UTF_8)),
        receivedAt,
        source,
        null,
        null,
        400,
        first.field() + ": " + first.reason(),
        r.problems(),
        (int) Math.min(Integer.MAX_VALUE, r.row()),
        r.userKey(),
        cut ? payload.substring(0, Quarantine.MAX_PAYLOAD_CHARS) : payload,
        cut);
  }

  private static String firstLine(String message) {
    return EventDecoder.firstLine(message);
  }
}
