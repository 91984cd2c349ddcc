package io.waymark.store.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.events.Event;
import io.waymark.events.QuarantinedItem;
import io.waymark.events.TestEvents;
import io.waymark.sessions.SessionRecord;
import io.waymark.store.PersonalTable;
import io.waymark.store.SinkBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Erasure on a real server: mutations delete every row of the person in every table, the counts are
 * zero afterwards, other people's rows stay, and the purge reports the old parts gone from disk.
 */
class ClickHouseErasureTest {

  static final long NINE = Instant.parse("2026-03-01T09:00:00Z").toEpochMilli();
  static final long MINUTE = 60_000;

  /** Distinctive ids, so that their bytes can be looked for in the server's files. */
  static final String PERSON = "erase-me-q7x3";

  static final String ANON = "anon-erase-k2p9";

  private final ClickHouseServer server = ClickHouseServer.shared();
  private ClickHouseSettings settings;
  private ClickHouseStore store;

  @BeforeEach
  void open() {
    settings =
        server.newDatabase().withErasureTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(60));
    store = new ClickHouseStore(settings);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void deletesEveryRowOfThePersonAndTheOldPartsLeaveTheDisk() throws IOException {
    Event anonymous = TestEvents.event(ANON, "page_view", NINE).page("/a").anonymousOnly().build();
    Event identify = TestEvents.event(PERSON, "click", NINE + MINUTE).anonymous(ANON).build();
    Event other = TestEvents.event("stays", "click", NINE).page("/b").build();
    SessionRecord session =
        new SessionRecord(
            UUID.randomUUID(),
            PERSON,
            NINE,
            NINE + MINUTE,
            2,
            1,
            0,
            0,
            0,
            0,
            0,
            null,
            "/a",
            "/a",
            null);
    SessionRecord otherSession =
        new SessionRecord(
            UUID.randomUUID(), "stays", NINE, NINE, 1, 1, 0, 0, 0, 0, 0, null, "/b", "/b", null);
    QuarantinedItem mention = refused("{\"user_id\":\"" + PERSON + "\",\"type\":1}", null);
    QuarantinedItem unrelated = refused("{\"user_id\":\"stays\"}", "stays");
    // Twice, as a replay after a crash would: the copies must go too.
    for (int i = 0; i < 2; i++) {
      store.write(
          new SinkBatch(
              List.of(anonymous, identify, other),
              List.of(mention, unrelated),
              List.of(session, otherSession),
              Map.of("events", Map.of(0, 3L))));
    }
    List<String> identities = List.of(PERSON, ANON);
    assertThat(store.countPersonal(PersonalTable.EVENTS, identities)).isEqualTo(2);
    assertThat(store.countPersonal(PersonalTable.USERS, identities)).isEqualTo(2);
    assertThat(store.countPersonal(PersonalTable.SESSIONS, identities)).isEqualTo(1);
    assertThat(store.countPersonal(PersonalTable.QUARANTINE, identities)).isEqualTo(1);
    assertThat(store.countPersonal(PersonalTable.IDENTITY_LINKS, identities)).isEqualTo(1);
    assertThat(filesMention(PERSON)).as("the test can see the id in the files at all").isTrue();

    for (PersonalTable t : PersonalTable.values()) {
      long before = store.countPersonal(t, identities);
      assertThat(store.erasePersonal(t, identities)).as(t.name()).isEqualTo(before);
      assertThat(store.countPersonal(t, identities)).as(t.name()).isZero();
    }
    PurgeReport report = store.purge();

    assertThat(report.mutationsDone()).isTrue();
    assertThat(report.physicallyGone()).as("parts left: %s", report.partsLeft()).isTrue();
    assertThat(report.goneAtMillis()).isNotNull();
    assertThat(filesMention(PERSON)).isFalse();
    assertThat(filesMention(ANON)).isFalse();
    assertThat(store.user(PERSON)).isEmpty();
    assertThat(store.linkedAnonymousIds(PERSON)).isEmpty();
    assertThat(store.userEvents("stays", NINE, NINE + MINUTE, 10)).hasSize(1);
    assertThat(store.userSessions("stays", NINE, NINE + MINUTE, 10)).containsExactly(otherSession);
    assertThat(store.quarantine(null, 10)).containsExactly(unrelated);
    try (ClickHouseHttp http = new ClickHouseHttp(settings)) {
      // The identities never appear in a mutation's text, which ClickHouse keeps.
      assertThat(
              http.rows(
                  "SELECT command FROM system.mutations WHERE database = "
                      + Sql.str(settings.database())))
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r[0]).doesNotContain(PERSON).doesNotContain(ANON));
      assertThat(http.rows("SELECT name FROM system.tables WHERE startsWith(name, 'erase_')"))
          .isEmpty();
    }
  }

  @Test
  void purgeWithNothingErasedReturnsAtOnce() {
    PurgeReport report = store.purge();
    assertThat(report.physicallyGone()).isTrue();
    assertThat(report.waitedMillis()).isLessThan(5_000);
  }

  private static QuarantinedItem refused(String payload, String userKey) {
    return new QuarantinedItem(
        UUID.randomUUID(),
        NINE,
        "http:/api/v1/events",
        "k1",
        "127.0.0.1",
        400,
        "type: must be a string",
        List.of(new QuarantinedItem.Problem("type", "must be a string")),
        0,
        userKey,
        payload,
        false);
  }

  /** Whether any file of the test database (data, marks, mutation files) holds the text. */
  private boolean filesMention(String text) throws IOException {
    Path db = server.dir().resolve("data/data/" + settings.database());
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    try (var files = Files.walk(db)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes;
        try {
          bytes = Files.readAllBytes(f);
        } catch (java.nio.file.NoSuchFileException gone) {
          continue; // removed while we walked: a merge or the cleanup
        }
        if (indexOf(bytes, needle) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
