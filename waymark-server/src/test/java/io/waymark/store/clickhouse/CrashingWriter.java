package io.waymark.store.clickhouse;

import io.waymark.events.Event;
import io.waymark.events.QuarantinedItem;
import io.waymark.sessions.SessionRecord;
import io.waymark.store.SinkBatch;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The writer that {@link ExactlyOnceCrashTest} kills: a child JVM that resumes from the offsets
 * stored in ClickHouse and writes a deterministic log (record {@code i} is always the same) in
 * batches until its end, as the store sink does. In {@code stall} mode it writes the data of one
 * batch, announces it, and waits before the offsets, so the test can kill it exactly there.
 */
final class CrashingWriter {

  static final String TOPIC = "events";
  static final int USERS = 97;
  static final long T0 = 1_772_355_600_000L; // 2026-03-01T09:00:00Z

  private CrashingWriter() {}

  /** Args: url user password database total batchSize mode(run|stall). */
  public static void main(String[] args) throws Exception {
    ClickHouseSettings settings =
        ClickHouseSettings.of(URI.create(args[0]), args[1], args[2], args[3]);
    int total = Integer.parseInt(args[4]);
    int batchSize = Integer.parseInt(args[5]);
    boolean stall = args[6].equals("stall");
    try (ClickHouseStore store = new ClickHouseStore(settings);
        ClickHouseHttp http = new ClickHouseHttp(settings)) {
      long next = store.committedOffsets().getOrDefault(TOPIC, Map.of()).getOrDefault(0, 0L);
      System.out.println("RESUME " + next);
      ClickHouseWriter writer = new ClickHouseWriter(http, ClickHouseStore.DEFAULT_SITE);
      while (next < total) {
        int end = (int) Math.min(total, next + batchSize);
        SinkBatch batch = batch((int) next, end);
        if (stall) {
          writer.writeData(batch);
          System.out.println("DATA " + end);
          System.out.flush();
          Thread.sleep(60_000); // the test kills us here, between the data and its offsets
        }
        store.write(batch);
        next = end;
        System.out.println("WROTE " + next);
        System.out.flush();
      }
    }
    System.out.println("DONE");
  }

  /** Records {@code [from, to)} of the log and the offset after them. */
  static SinkBatch batch(int from, int to) {
    List<Event> events = new ArrayList<>();
    List<QuarantinedItem> quarantine = new ArrayList<>();
    List<SessionRecord> sessions = new ArrayList<>();
    for (int i = from; i < to; i++) {
      events.add(event(i));
      if (i % 10 == 0) {
        quarantine.add(refused(i));
      }
      if (i % 7 == 0) {
        sessions.add(session(i));
      }
    }
    return new SinkBatch(events, quarantine, sessions, Map.of(TOPIC, Map.of(0, (long) to)));
  }

  static String user(int i) {
    return "user-" + (i % USERS);
  }

  static UUID id(String kind, int i) {
    return UUID.nameUUIDFromBytes((kind + "-" + i).getBytes(StandardCharsets.UTF_8));
  }

  static Event event(int i) {
    String anonymous = i % 5 == 0 ? "anon-" + (i % USERS) : null;
    return new Event(
        id("event", i),
        i % 3 == 0 ? "page_view" : "click",
        user(i),
        anonymous,
        null,
        T0 + i * 1_000L,
        null,
        null,
        T0 + i * 1_000L + 5,
        "/p/" + (i % 13),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        io.waymark.events.Event.Context.EMPTY,
        "crash-test",
        1);
  }

  /**
   * The user's one session as it stands after record {@code i}: each later record of the user
   * re-emits it with more events, so only the last write may be kept.
   */
  static SessionRecord session(int i) {
    int u = i % USERS;
    return new SessionRecord(
        id("session", u),
        user(i),
        T0,
        T0 + i * 1_000L,
        i,
        i,
        0,
        0,
        0,
        0,
        0.0,
        null,
        "/",
        "/",
        null);
  }

  static QuarantinedItem refused(int i) {
    return new QuarantinedItem(
        id("quarantine", i),
        T0 + i * 1_000L,
        "http:/api/v1/events",
        "k1",
        "127.0.0.1",
        400,
        "type: is required",
        List.of(new QuarantinedItem.Problem("type", "is required")),
        0,
        user(i),
        "{\"n\":" + i + "}",
        false);
  }
}
