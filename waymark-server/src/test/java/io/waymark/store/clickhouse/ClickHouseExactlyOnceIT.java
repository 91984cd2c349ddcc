package io.waymark.store.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.events.Event;
import io.waymark.events.QuarantinedItem;
import io.waymark.store.QuarantineFilter;
import io.waymark.store.UserSummary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Exactly once across crashes: a writer in a child JVM is killed with SIGKILL at random points of
 * its batches, and twice exactly between a batch's data and its offsets; each restart resumes from
 * the offsets stored in ClickHouse and reads the same deterministic log again. At the end every
 * event, quarantined item and session is in the answers exactly once.
 */
class ClickHouseExactlyOnceIT {

  private static final int TOTAL = 30_000;

  private final ClickHouseServer server = ClickHouseServer.shared();
  private final ClickHouseSettings settings = server.newDatabase();

  @Test
  void killedWritersNeitherDuplicateNorLoseAnything() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    System.out.println("exactly-once crash test: seed " + seed);
    // No merges while the writers run: every copy a replay stores stays, and only the reads'
    // deduplication stands between them and the answers.
    try (ClickHouseStore schema = new ClickHouseStore(settings);
        ClickHouseHttp http = new ClickHouseHttp(settings)) {
      for (String table : MERGING) {
        http.execute("SYSTEM STOP MERGES " + settings.database() + "." + table);
      }
    }
    List<String> plan = List.of("run", "stall", "run", "run", "stall", "run");
    for (String mode : plan) {
      int batch = 600 + random.nextInt(900);
      Child child = Child.start(settings, TOTAL, batch, mode);
      long resumedAt = child.resumedAt();
      if (mode.equals("stall")) {
        String data = child.await("DATA ");
        child.kill();
        long resumedNext = offset();
        // The data of the stalled batch is stored, its offsets are not: the next run rewrites it.
        assertThat(resumedNext).isEqualTo(resumedAt).isLessThan(Long.parseLong(data));
      } else {
        child.await("WROTE ");
        Thread.sleep(random.nextInt(400));
        child.kill();
      }
    }
    Child last = Child.start(settings, TOTAL, 1_000, "run");
    last.await("DONE");
    assertThat(last.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(last.process.exitValue()).isZero();

    try (ClickHouseStore store = new ClickHouseStore(settings);
        ClickHouseHttp http = new ClickHouseHttp(settings)) {
      assertThat(store.committedOffsets()).isEqualTo(Map.of("events", Map.of(0, (long) TOTAL)));
      long stored = Long.parseLong(http.rows("SELECT count() FROM events").get(0)[0]);
      System.out.println(
          "exactly-once crash test: "
              + stored
              + " event rows stored for "
              + TOTAL
              + " events (copies from replays not merged yet)");
      assertThat(stored).isGreaterThan(TOTAL);

      long counted = 0;
      for (int u = 0; u < CrashingWriter.USERS; u++) {
        String user = "user-" + u;
        List<UUID> expected = new ArrayList<>();
        int lastSession = -1;
        for (int i = u; i < TOTAL; i += CrashingWriter.USERS) {
          expected.add(CrashingWriter.id("event", i));
          if (i % 7 == 0) {
            lastSession = i;
          }
        }
        List<Event> events =
            store.userEvents(user, CrashingWriter.T0, CrashingWriter.T0 + TOTAL * 1_000L, 10_000);
        assertThat(events).extracting(Event::eventId).as(user).isEqualTo(expected);
        UserSummary summary = store.user(user).orElseThrow();
        assertThat(summary.eventCount()).as(user).isEqualTo(expected.size());
        counted += summary.eventCount();
        assertThat(store.userSessions(user, CrashingWriter.T0, CrashingWriter.T0 + 1, 10))
            .as(user)
            .containsExactly(CrashingWriter.session(lastSession));
        assertThat(store.linkedAnonymousIds(user)).containsExactly("anon-" + u);
      }
      assertThat(counted).isEqualTo(TOTAL);
      List<QuarantinedItem> quarantined = store.quarantine(QuarantineFilter.ALL, null, TOTAL);
      assertThat(quarantined).hasSize(TOTAL / 10);
      assertThat(quarantined.stream().map(QuarantinedItem::id).distinct()).hasSize(TOTAL / 10);

      // Merges, once they run, remove the copies for good.
      for (String table : MERGING) {
        http.execute("SYSTEM START MERGES " + settings.database() + "." + table);
      }
      http.execute("OPTIMIZE TABLE events FINAL");
      assertThat(http.rows("SELECT count() FROM events").get(0)[0]).isEqualTo("" + TOTAL);
      assertThat(store.user("user-0").orElseThrow().eventCount())
          .isEqualTo((TOTAL + CrashingWriter.USERS - 1) / CrashingWriter.USERS);
    }
  }

  private static final List<String> MERGING =
      List.of("events", "users", "sessions", "quarantine", "identity_links", "links_by_user");

  private long offset() {
    try (ClickHouseStore store = new ClickHouseStore(settings)) {
      return store.committedOffsets().getOrDefault("events", Map.of()).getOrDefault(0, 0L);
    }
  }

  /** One writer JVM and the lines it prints. */
  private record Child(Process process, BlockingQueue<String> lines) {

    static Child start(ClickHouseSettings s, int total, int batch, String mode) throws IOException {
      String java = ProcessHandle.current().info().command().orElse("java");
      Process p =
          new ProcessBuilder(
                  java,
                  "-Xmx256m",
                  "-XX:TieredStopAtLevel=1",
                  "-cp",
                  System.getProperty("java.class.path"),
                  CrashingWriter.class.getName(),
                  s.url().toString(),
                  s.user(),
                  s.password(),
                  s.database(),
                  Integer.toString(total),
                  Integer.toString(batch),
                  mode)
              .redirectErrorStream(true)
              .start();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    lines.add(line);
                  }
                } catch (IOException killed) {
                  // the child is gone
                }
              });
      return new Child(p, lines);
    }

    long resumedAt() throws InterruptedException {
      return Long.parseLong(await("RESUME ").trim());
    }

    /** Waits for the next line starting with {@code prefix}; returns the rest of it. */
    String await(String prefix) throws InterruptedException {
      StringBuilder seen = new StringBuilder();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line == null) {
          continue;
        }
        if (line.startsWith(prefix)) {
          return line.substring(prefix.length());
        }
        if (!line.startsWith("WROTE ")) {
          seen.append(line).append('\n');
        }
      }
      throw new AssertionError(
          "the writer printed no '" + prefix + "' within 60 s; output:\n" + seen);
    }

    /** SIGKILL, as a crash of the machine or the JVM would stop it: no shutdown hook runs. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(137);
    }
  }
}
