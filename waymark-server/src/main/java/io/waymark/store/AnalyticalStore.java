package io.waymark.store;

import io.waymark.events.Event;
import io.waymark.events.QuarantinedItem;
import io.waymark.sessions.SessionRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Waymark needs from an analytical store, and no more. Writes are atomic with the log
 * positions they came from, which makes the sink exactly-once across crashes; events are unique by
 * {@code event_id}.
 */
public interface AnalyticalStore extends AutoCloseable {

  /** Writes events, quarantine records and the next log offsets in one transaction. */
  void write(SinkBatch batch);

  /** The next offset to read per topic and partition, as last written by {@link #write}. */
  Map<String, Map<Integer, Long>> committedOffsets();

  /**
   * Users whose key starts with {@code prefix} (all users when blank), most recently seen first.
   */
  List<UserSummary> findUsers(String prefix, int limit);

  Optional<UserSummary> user(String userKey);

  /**
   * The user's events with {@code fromMillis <= timestamp < toMillis}, oldest first, with the
   * fields a journey needs (id, type, time, session hint, page, product, order, money, search).
   */
  List<Event> userEvents(String userKey, long fromMillis, long toMillis, int limit);

  /** The user's events older than {@code before} (null: newest), newest first. */
  List<Event> userEventsBefore(String userKey, EventCursor before, int limit);

  /**
   * The anonymous ids linked to {@code userId}: ids that an event carried together with it, first
   * link wins. Their history belongs to the user.
   */
  List<String> linkedAnonymousIds(String userId);

  /** The user's closed sessions that started in {@code [fromMillis, toMillis)}, oldest first. */
  List<SessionRecord> userSessions(String userKey, long fromMillis, long toMillis, int limit);

  /** Quarantined items, newest first, older than {@code before} (null: newest). */
  default List<QuarantinedItem> quarantine(EventCursor before, int limit) {
    return quarantine(QuarantineFilter.ALL, before, limit);
  }

  /** Quarantined items matching {@code filter}, newest first, older than {@code before}. */
  List<QuarantinedItem> quarantine(QuarantineFilter filter, EventCursor before, int limit);

  /** One quarantined item by id. */
  Optional<QuarantinedItem> quarantineItem(java.util.UUID id);

  /**
   * Deletes the quarantined items received before {@code receivedBeforeMillis} (the quarantine's
   * retention); returns how many.
   */
  long deleteQuarantineBefore(long receivedBeforeMillis);

  /** How many rows of {@code table} belong to any of {@code identities} (an erasure's count). */
  long countPersonal(PersonalTable table, List<String> identities);

  /**
   * Deletes the rows of {@code table} that belong to any of {@code identities}; returns how many.
   */
  long erasePersonal(PersonalTable table, List<String> identities);

  /**
   * Makes deletions physical in the store's files (after an erasure): nothing deleted may stay
   * readable in a log or data file.
   */
  void purgeDeleted();

  /** Cheap liveness probe; throws when the store cannot answer. */
  void ping();

  @Override
  void close();
}
