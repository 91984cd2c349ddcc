package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waymark.events.Event;
import io.waymark.events.TestEvents;
import io.waymark.sessions.SessionRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction against a real DuckDB file: the rewrite, the online swap and a failure mid-copy. */
class StoreCompactorTest {

  static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
  static final long NINE = Instant.parse("2026-03-01T09:00:00Z").toEpochMilli();
  static final long MINUTE = 60_000;
  static final List<String> USERS = List.of("u-ann", "u-bob", "u-cat", "u-dan", "u-eve");

  @TempDir Path dir;
  Path file;
  DuckDbStore store;
  long nextOffset;

  @BeforeEach
  void open() {
    file = dir.resolve("waymark.duckdb");
    store = new DuckDbStore(file, 2, "512MB");
  }

  @AfterEach
  void close() {
    store.close();
  }

  StoreCompactor compactor(StoreCompactor.Faults faults) {
    return new StoreCompactor(
        store, Clock.fixed(NOW, ZoneOffset.UTC), new SimpleMeterRegistry(), 1_000_000, faults);
  }

  /** Events of all users interleaved and with times shuffled, as the sink appends them. */
  void writeShuffled(int perUser, int batches) {
    List<Event> events = new ArrayList<>();
    for (String user : USERS) {
      for (int i = 0; i < perUser; i++) {
        events.add(TestEvents.event(user, "page_view", NINE + i * MINUTE).page("/p" + i).build());
      }
    }
    Collections.shuffle(events, new Random(7));
    int size = Math.ceilDiv(events.size(), batches);
    for (int from = 0; from < events.size(); from += size) {
      write(events.subList(from, Math.min(events.size(), from + size)), List.of());
    }
  }

  void write(List<Event> events, List<SessionRecord> sessions) {
    nextOffset += events.size();
    store.write(
        new SinkBatch(events, List.of(), sessions, Map.of("events", Map.of(0, nextOffset))));
  }

  static SessionRecord session(String user, long start) {
    return new SessionRecord(
        UUID.randomUUID(), user, start, start + MINUTE, 2, 2, 0, 0, 0, 0, 0, null, "/", "/", null);
  }

  /** What a reader sees of the store: every user's events, sessions and summary, and offsets. */
  List<Object> visibleState() {
    List<Object> state = new ArrayList<>();
    for (String user : USERS) {
      state.add(store.userEvents(user, NINE - MINUTE, NINE + 10_000 * MINUTE, 10_000));
      state.add(store.userSessions(user, NINE - MINUTE, NINE + 10_000 * MINUTE, 100));
      state.add(store.user(user));
    }
    state.add(store.committedOffsets());
    state.add(store.findUsers("u-", 10));
    return state;
  }

  List<String> rowsInDiskOrder(String table, String time) {
    return store.query(
        "SELECT user_key || '@' || lpad(epoch_ms("
            + time
            + ")::VARCHAR, 15, '0') FROM "
            + table
            + " ORDER BY rowid",
        ps -> {},
        rs -> {
          List<String> out = new ArrayList<>();
          while (rs.next()) {
            out.add(rs.getString(1));
          }
          return out;
        });
  }

  Object inode() throws Exception {
    return Files.getAttribute(file, "unix:ino");
  }

  List<String> filesInDir() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void rewritesEventsInUserAndTimeOrderKeepingRowsAndOffsets() throws Exception {
    writeShuffled(200, 20);
    for (String user : USERS) {
      write(List.of(), List.of(session(user, NINE + 5 * MINUTE), session(user, NINE)));
    }
    List<Object> before = visibleState();
    List<String> shuffled = rowsInDiskOrder("events", "ts");
    assertThat(shuffled).isNotEqualTo(shuffled.stream().sorted().toList());
    Object oldInode = inode();

    CompactionRun run = compactor(StoreCompactor.Faults.NONE).compactNow("test");

    assertThat(run.status()).isEqualTo(CompactionRun.Status.SUCCEEDED);
    assertThat(run.eventRows()).isEqualTo(1_000);
    assertThat(run.sessionRows()).isEqualTo(10);
    assertThat(run.bytesAfter()).isPositive();
    assertThat(visibleState()).isEqualTo(before);
    assertThat(rowsInDiskOrder("events", "ts")).hasSize(1_000).isSorted();
    assertThat(rowsInDiskOrder("sessions", "start_ts")).hasSize(10).isSorted();
    // The old file is gone: the name now points at another file, and nothing else is left.
    assertThat(inode()).isNotEqualTo(oldInode);
    assertThat(filesInDir())
        .allMatch(n -> n.equals("waymark.duckdb") || n.equals("waymark.duckdb.wal"));
    // The unique key and the indexes came along: a replayed event is still ignored.
    Event again = store.userEvents("u-ann", NINE, NINE + 1, 1).getFirst();
    assertThat(again).isNotNull();
    assertThat(
            store.query(
                "SELECT count(*) FROM duckdb_indexes() WHERE table_name IN ('events', 'sessions')",
                ps -> {},
                (DuckDbStore.Reader<Integer>) rs -> rs.next() ? rs.getInt(1) : 0))
        .isEqualTo(2);
    assertThat(
            store.query(
                "SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'",
                ps -> {},
                (DuckDbStore.Reader<Integer>) rs -> rs.next() ? rs.getInt(1) : 0))
        .isGreaterThanOrEqualTo(8);
  }

  @Test
  void writesAndReadsGoOnDuringCompactionAndAfterTheSwap() throws Exception {
    writeShuffled(400, 10);
    AtomicReference<Throwable> readerFailure = new AtomicReference<>();
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger written = new AtomicInteger();
    var running = new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread reader =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (running.get()) {
                    try {
                      assertThat(store.userEvents("u-bob", NINE, NINE + 400 * MINUTE, 1_000))
                          .hasSizeGreaterThanOrEqualTo(400);
                      reads.incrementAndGet();
                    } catch (Throwable t) {
                      readerFailure.compareAndSet(null, t);
                    }
                  }
                });
    Thread writer =
        Thread.ofPlatform()
            .start(
                () -> {
                  long at = NINE + 1_000 * MINUTE;
                  while (running.get()) {
                    at += MINUTE;
                    write(List.of(TestEvents.event("u-new", "click", at).build()), List.of());
                    written.incrementAndGet();
                  }
                });

    CompactionRun run = compactor(StoreCompactor.Faults.NONE).compactNow("test");
    Thread.sleep(200);
    running.set(false);
    reader.join();
    writer.join();

    assertThat(run.status())
        .as(String.valueOf(run.error()))
        .isEqualTo(CompactionRun.Status.SUCCEEDED);
    assertThat(readerFailure.get()).isNull();
    assertThat(reads.get()).isPositive();
    // Every event the writer committed before, during and after the swap is in the new file.
    assertThat(store.user("u-new").orElseThrow().eventCount()).isEqualTo(written.get());
    assertThat(store.committedOffsets().get("events").get(0)).isEqualTo(nextOffset);
    write(List.of(TestEvents.event("u-late", "click", NINE).build()), List.of());
    assertThat(store.user("u-late")).isPresent();
  }

  @Test
  void aFailureMidCopyLeavesTheOldFileInUseAndTheNextRunWorks() throws Exception {
    writeShuffled(100, 5);
    List<Object> before = visibleState();
    Object oldInode = inode();

    CompactionRun run =
        compactor(
                () -> {
                  throw new java.io.IOException("simulated crash in the middle of the copy");
                })
            .compactNow("test");

    assertThat(run.status()).isEqualTo(CompactionRun.Status.FAILED);
    assertThat(run.error()).contains("simulated crash");
    assertThat(inode()).isEqualTo(oldInode);
    assertThat(filesInDir()).noneMatch(n -> n.contains("compacting"));
    assertThat(visibleState()).isEqualTo(before);
    write(List.of(TestEvents.event("u-after", "click", NINE).build()), List.of());
    assertThat(store.user("u-after")).isPresent();

    CompactionRun next = compactor(StoreCompactor.Faults.NONE).compactNow("test");
    assertThat(next.status())
        .as(String.valueOf(next.error()))
        .isEqualTo(CompactionRun.Status.SUCCEEDED);
    assertThat(store.user("u-after")).isPresent();
  }

  @Test
  void aFreshFileLeftByACrashIsRemovedOnStart() throws Exception {
    writeShuffled(50, 2);
    List<Object> before = visibleState();
    store.close();
    Files.writeString(StoreCompactor.freshFile(file), "half-written copy");
    Files.writeString(DuckDbStore.wal(StoreCompactor.freshFile(file)), "its log");

    store = new DuckDbStore(file, 2, "512MB");

    assertThat(filesInDir()).noneMatch(n -> n.contains("compacting"));
    assertThat(visibleState()).isEqualTo(before);
  }
}
