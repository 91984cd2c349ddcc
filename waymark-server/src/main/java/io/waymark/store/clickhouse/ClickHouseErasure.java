package io.waymark.store.clickhouse;

import io.waymark.store.PersonalTable;
import io.waymark.store.StoreException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and deletes a person's rows with {@code ALTER TABLE ... DELETE} mutations, and waits until
 * ClickHouse has rewritten the parts and removed the old copies. The identities go into a staging
 * table the mutation reads, never into the mutation's text: ClickHouse keeps that text in {@code
 * system.mutations} and a file beside the table's data.
 */
final class ClickHouseErasure {

  private static final Logger log = LoggerFactory.getLogger(ClickHouseErasure.class);

  private final ClickHouseHttp http;
  private final Clock clock;

  ClickHouseErasure(ClickHouseHttp http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  /** How many of the table's rows (deduplicated) belong to any of the identities, on any site. */
  long count(PersonalTable table, List<String> identities) {
    if (identities.isEmpty()) {
      return 0;
    }
    String ids = "(" + Sql.strs(identities) + ")";
    return switch (table) {
      case EVENTS -> one("SELECT uniqExact(event_id) FROM events WHERE " + eventsWhere(ids));
      case USERS ->
          one(
              "SELECT count() FROM (SELECT site_id, user_key FROM users WHERE user_key IN "
                  + ids
                  + " GROUP BY site_id, user_key)");
      case SESSIONS -> one("SELECT uniqExact(session_id) FROM sessions WHERE user_key IN " + ids);
      case QUARANTINE ->
          one("SELECT uniqExact(id) FROM quarantine WHERE " + quarantineWhere(identities));
      case IDENTITY_LINKS ->
          Math.max(
              one("SELECT uniqExact(anonymous_id) FROM identity_links WHERE " + linksWhere(ids)),
              one(
                  "SELECT count() FROM (SELECT site_id, user_id, anonymous_id FROM links_by_user"
                      + " WHERE "
                      + linksWhere(ids)
                      + " GROUP BY site_id, user_id, anonymous_id)"));
    };
  }

  /**
   * Deletes the rows and waits until ClickHouse has applied the deletion; returns how many there
   * were.
   */
  long delete(PersonalTable table, List<String> identities) {
    long found = count(table, identities);
    if (found == 0) {
      return 0;
    }
    List<String> keys = identities;
    if (table == PersonalTable.QUARANTINE) {
      // A payload names its user only in its text: find those rows first, delete them by id.
      keys =
          http
              .rows("SELECT toString(id) FROM quarantine WHERE " + quarantineWhere(identities))
              .stream()
              .map(r -> r[0])
              .toList();
    }
    deleteWhere(keys, ids -> targets(table, ids));
    return found;
  }

  /**
   * Puts {@code keys} into a staging table, runs {@code ALTER TABLE ... DELETE WHERE} on each
   * (table, predicate) that {@code targets} makes of the staging table's {@code (SELECT id ...)},
   * and waits until ClickHouse has applied every one.
   */
  void deleteWhere(List<String> keys, Function<String, List<String[]>> targets) {
    String staging = "erase_" + UUID.randomUUID().toString().replace("-", "");
    http.execute("CREATE TABLE " + staging + " (id String) ENGINE = TinyLog");
    boolean applied = false;
    try {
      Tsv.Writer w = new Tsv.Writer(keys.size());
      keys.forEach(k -> w.str(k).end());
      http.insert(staging, "id", w);
      String ids = "(SELECT id FROM " + http.settings().database() + "." + staging + ")";
      for (String[] target : targets.apply(ids)) {
        http.execute("ALTER TABLE " + target[0] + " DELETE WHERE " + target[1]);
      }
      for (String[] target : targets.apply(ids)) {
        awaitMutation(target[0], staging);
      }
      applied = true;
    } finally {
      // A mutation still running reads the staging table: dropping it would make the mutation
      // fail, and a failed mutation blocks the table's later ones. Purge drops it once done.
      if (applied) {
        dropQuietly(staging);
      }
    }
  }

  /** The tables and predicates a deletion runs on. */
  private static List<String[]> targets(PersonalTable table, String ids) {
    return switch (table) {
      case EVENTS -> List.<String[]>of(new String[] {"events", eventsWhere(ids)});
      case USERS -> List.<String[]>of(new String[] {"users", "user_key IN " + ids});
      case SESSIONS -> List.<String[]>of(new String[] {"sessions", "user_key IN " + ids});
      case QUARANTINE -> List.<String[]>of(new String[] {"quarantine", "toString(id) IN " + ids});
      case IDENTITY_LINKS ->
          List.of(
              new String[] {"identity_links", linksWhere(ids)},
              new String[] {"links_by_user", linksWhere(ids)});
    };
  }

  private static String eventsWhere(String ids) {
    return "user_key IN " + ids + " OR user_id IN " + ids + " OR anonymous_id IN " + ids;
  }

  private static String linksWhere(String ids) {
    return "anonymous_id IN " + ids + " OR user_id IN " + ids;
  }

  private static String quarantineWhere(List<String> identities) {
    String mentions =
        identities.stream()
            .map(i -> "position(payload, " + Sql.str("\"" + i + "\"") + ") > 0")
            .collect(Collectors.joining(" OR "));
    return "user_key IN (" + Sql.strs(identities) + ") OR " + mentions;
  }

  /**
   * Deletes the quarantined items received before {@code beforeMillis} (the quarantine's retention)
   * and waits until ClickHouse has applied it; returns how many there were.
   */
  long deleteQuarantineBefore(long beforeMillis) {
    long found = one("SELECT uniqExact(id) FROM quarantine WHERE received_at < " + beforeMillis);
    if (found == 0) {
      return 0;
    }
    // A marker in the predicate finds this mutation in system.mutations.
    String marker = "retention_" + UUID.randomUUID().toString().replace("-", "");
    http.execute(
        "ALTER TABLE quarantine DELETE WHERE received_at < "
            + beforeMillis
            + " AND "
            + Sql.str(marker)
            + " != ''");
    awaitMutation("quarantine", marker);
    return found;
  }

  private void awaitMutation(String table, String staging) {
    String sql =
        "SELECT min(is_done), count() FROM system.mutations WHERE database = "
            + Sql.str(http.settings().database())
            + " AND table = "
            + Sql.str(table)
            + " AND position(command, "
            + Sql.str(staging)
            + ") > 0";
    long deadline = System.nanoTime() + http.settings().mutationTimeout().toNanos();
    while (true) {
      String[] r = http.rows(sql).get(0);
      if ("1".equals(r[0]) && !"0".equals(r[1])) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new StoreException(
            "ClickHouse has not finished deleting the rows in "
                + table
                + " within "
                + http.settings().mutationTimeout()
                + " (waymark.clickhouse.mutation-timeout); it goes on in the background. See"
                + " system.mutations (is_done, parts_to_do) and the server's log; the erasure will"
                + " be retried");
      }
      sleep(100);
    }
  }

  /**
   * Waits until every mutation on Waymark's tables is done, then until the parts they superseded
   * (still on disk for the tables' {@code old_parts_lifetime}) are removed, each up to its timeout.
   */
  PurgeReport purge() {
    long started = System.nanoTime();
    String db = Sql.str(http.settings().database());
    String tables = "(" + Sql.strs(ClickHouseSchema.DATA_TABLES) + ")";
    long mutationDeadline = started + http.settings().mutationTimeout().toNanos();
    boolean done;
    while (!(done =
            "0"
                .equals(
                    http.rows(
                            "SELECT count() FROM system.mutations WHERE database = "
                                + db
                                + " AND table IN "
                                + tables
                                + " AND is_done = 0")
                        .get(0)[0]))
        && System.nanoTime() < mutationDeadline) {
      sleep(100);
    }
    if (!done) {
      return new PurgeReport(false, inactiveParts(db, tables), null, elapsed(started));
    }
    // Staging tables left by erasures whose deletions outlasted their wait: done now.
    http.rows(
            "SELECT name FROM system.tables WHERE database = "
                + db
                + " AND startsWith(name, 'erase_')")
        .forEach(r -> dropQuietly(r[0]));
    Set<String> superseded = new HashSet<>(inactiveParts(db, tables));
    long partsDeadline = System.nanoTime() + http.settings().purgeTimeout().toNanos();
    List<String> left = new ArrayList<>(superseded);
    while (!left.isEmpty() && System.nanoTime() < partsDeadline) {
      sleep(250);
      left.retainAll(new HashSet<>(inactiveParts(db, tables)));
    }
    Long goneAt = left.isEmpty() ? clock.millis() : null;
    PurgeReport report = new PurgeReport(true, List.copyOf(left), goneAt, elapsed(started));
    log.info(
        "ClickHouse purge: mutations done; {} superseded parts {} after {} ms",
        superseded.size(),
        left.isEmpty() ? "removed from disk" : "(" + left.size() + " still on disk)",
        report.waitedMillis());
    return report;
  }

  private List<String> inactiveParts(String db, String tables) {
    return http
        .rows(
            "SELECT concat(table, '/', name) FROM system.parts WHERE database = "
                + db
                + " AND table IN "
                + tables
                + " AND active = 0")
        .stream()
        .map(r -> r[0])
        .toList();
  }

  private long one(String sql) {
    return Long.parseLong(http.rows(sql).get(0)[0]);
  }

  private void dropQuietly(String staging) {
    try {
      http.execute("DROP TABLE IF EXISTS " + staging);
    } catch (StoreException e) {
      log.warn(
          "could not drop the erasure's staging table {} ({}); drop it by hand once"
              + " system.mutations shows its deletions done",
          staging,
          e.getMessage());
    }
  }

  private static long elapsed(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for ClickHouse", e);
    }
  }
}
