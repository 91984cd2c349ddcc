package io.waymark.ingest;

import io.waymark.privacy.ErasureSubject;
import io.waymark.privacy.PersonalDataHolder;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Review decisions on quarantined items, in the metadata database: at most one decision per item
 * (replayed or discarded; none means open) and an append-only log of every action with who and
 * when. The items themselves stay in the analytical store, untouched (docs/decisions.md).
 */
class QuarantineDecisions implements PersonalDataHolder {

  /** Where an item stands in review. */
  enum Status {
    OPEN,
    REPLAYED,
    DISCARDED;

    String apiName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Optional<Status> parse(String s) {
      return Arrays.stream(values()).filter(v -> v.apiName().equals(s)).findFirst();
    }
  }

  /** The decision on one item. */
  record Decision(
      UUID quarantineId,
      Status status,
      String decidedBy,
      long decidedAt,
      String reason,
      List<UUID> eventIds,
      boolean corrected) {}

  /** One action in an item's history; {@code replay_refused} leaves the item open. */
  record Action(
      String action,
      String actor,
      long at,
      String reason,
      List<UUID> eventIds,
      boolean corrected) {}

  private final JdbcClient jdbc;
  private final TransactionOperations tx;

  QuarantineDecisions(JdbcClient jdbc, TransactionOperations tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  Optional<Decision> find(UUID id) {
    return decisions(List.of(id)).values().stream().findFirst();
  }

  /** The decisions on those of {@code ids} that have one. */
  Map<UUID, Decision> decisions(Collection<UUID> ids) {
    Map<UUID, Decision> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    String marks = ids.stream().map(i -> "?").collect(Collectors.joining(","));
    jdbc.sql(
            "SELECT quarantine_id, status, decided_by, decided_at, reason, event_ids, corrected"
                + " FROM quarantine_decisions WHERE quarantine_id IN ("
                + marks
                + ")")
        .params(ids.stream().map(UUID::toString).toList())
        .query(
            (rs, n) ->
                new Decision(
                    UUID.fromString(rs.getString(1)),
                    Status.valueOf(rs.getString(2)),
                    rs.getString(3),
                    rs.getLong(4),
                    rs.getString(5),
                    ids(rs.getString(6)),
                    rs.getBoolean(7)))
        .list()
        .forEach(d -> out.put(d.quarantineId(), d));
    return out;
  }

  /**
   * Records the decision and its action together; returns false (and records nothing) when the item
   * already has a decision, e.g. another reviewer's at the same moment.
   */
  boolean decide(Decision d, String userKey) {
    try {
      tx.executeWithoutResult(
          s -> {
            jdbc.sql(
                    "INSERT INTO quarantine_decisions (quarantine_id, status, decided_by,"
                        + " decided_at, reason, event_ids, corrected, user_key)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                    d.quarantineId().toString(),
                    d.status().name(),
                    d.decidedBy(),
                    d.decidedAt(),
                    d.reason(),
                    text(d.eventIds()),
                    d.corrected(),
                    userKey)
                .update();
            record(
                d.quarantineId(),
                new Action(
                    d.status().apiName(),
                    d.decidedBy(),
                    d.decidedAt(),
                    d.reason(),
                    d.eventIds(),
                    d.corrected()),
                userKey);
          });
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /** Appends an action that decides nothing (a refused replay). */
  void record(UUID id, Action a, String userKey) {
    jdbc.sql(
            "INSERT INTO quarantine_actions (quarantine_id, action, actor, at, reason, event_ids,"
                + " corrected, user_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            id.toString(),
            a.action(),
            a.actor(),
            a.at(),
            a.reason(),
            text(a.eventIds()),
            a.corrected(),
            userKey)
        .update();
  }

  /** Every action on the item, oldest first. */
  List<Action> history(UUID id) {
    return jdbc.sql(
            "SELECT action, actor, at, reason, event_ids, corrected FROM quarantine_actions"
                + " WHERE quarantine_id = ? ORDER BY id")
        .param(id.toString())
        .query(
            (rs, n) ->
                new Action(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getLong(3),
                    rs.getString(4),
                    ids(rs.getString(5)),
                    rs.getBoolean(6)))
        .list();
  }

  @Override
  public String holderName() {
    return "metadata.quarantine_decisions";
  }

  @Override
  public long count(ErasureSubject subject) {
    return countIn("quarantine_decisions", subject) + countIn("quarantine_actions", subject);
  }

  @Override
  public long erase(ErasureSubject subject) {
    return tx.execute(
        s -> eraseIn("quarantine_actions", subject) + eraseIn("quarantine_decisions", subject));
  }

  private long countIn(String table, ErasureSubject subject) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE user_key IN (" + marks(subject) + ")")
        .params(subject.identities())
        .query(Long.class)
        .single();
  }

  private long eraseIn(String table, ErasureSubject subject) {
    return jdbc.sql("DELETE FROM " + table + " WHERE user_key IN (" + marks(subject) + ")")
        .params(subject.identities())
        .update();
  }

  private static String marks(ErasureSubject subject) {
    return subject.identities().stream().map(i -> "?").collect(Collectors.joining(","));
  }

  private static String text(List<UUID> ids) {
    return ids == null || ids.isEmpty()
        ? null
        : ids.stream().map(UUID::toString).collect(Collectors.joining(","));
  }

  private static List<UUID> ids(String text) {
    return text == null || text.isBlank()
        ? List.of()
        : Arrays.stream(text.split(",")).map(UUID::fromString).toList();
  }
}
