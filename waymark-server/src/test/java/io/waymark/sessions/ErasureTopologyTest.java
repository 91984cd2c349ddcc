package io.waymark.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.events.TestEvents;
import io.waymark.live.LiveRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the stream keeps about a person, and how an erasure removes it. */
class ErasureTopologyTest {

  private static final Instant NINE = Instant.parse("2026-03-01T09:00:00Z");
  private static final Instant WALL = Instant.parse("2026-03-05T00:00:00Z");

  private final LiveRegistry live = new LiveRegistry();
  private TopologyDrivers t;

  @BeforeEach
  void start() {
    t = TopologyDrivers.start("erasure-test", live, List::of, WALL);
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private void view(String user, Instant at, String url) {
    t.send(TestEvents.event(user, "page_view", at.toEpochMilli()).page(url).build());
  }

  private int presence(String pseudonym) {
    return new io.waymark.live.LiveMetrics(
            live, java.time.Clock.fixed(NINE.plusSeconds(60), java.time.ZoneOffset.UTC))
        .sessionsOf(pseudonym, 60);
  }

  @Test
  void theStateIsKeyedByPseudonymAndSealedSoItNamesNobody() {
    view("ann@example.com", NINE, "/secret-gift-for-bob");
    byte[] stored = t.storedState("ann@example.com");
    String text = new String(stored, StandardCharsets.ISO_8859_1);
    assertThat(text).doesNotContain("ann@example.com").doesNotContain("secret-gift");
    assertThat(UserSessionsCodec.decode(t.state("ann@example.com")).userKey)
        .isEqualTo("ann@example.com");
  }

  @Test
  void anEraseMarkerDropsTheUsersEntryAndLivePresenceAndLeavesOthers() {
    view("ann", NINE, "/a");
    view("bob", NINE, "/b");
    String ann = t.vault.pseudonym("ann");
    assertThat(presence(ann)).isEqualTo(1);
    t.eraseMarker("ann", NINE.plusSeconds(1).toEpochMilli());
    assertThat(t.storedState("ann")).isNull();
    assertThat(presence(ann)).isZero();
    assertThat(t.state("bob")).isNotNull();
  }

  @Test
  void afterTheKeyIsDestroyedBackloggedEventsAreDroppedAndTheOldEntryIsRemoved() {
    view("ann", NINE, "/a");
    view("bob", NINE, "/b");
    String p = t.vault.pseudonym("ann");
    byte[] backlog =
        t.vault.seal(
            p,
            io.waymark.events.EventCodec.encode(
                TestEvents.event("ann", "page_view", NINE.plusSeconds(60).toEpochMilli())
                    .page("/c")
                    .build()));
    t.vault.destroy("ann");
    t.driver
        .createInputTopic(
            "events",
            new org.apache.kafka.common.serialization.StringSerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer())
        .pipeInput(p, backlog, NINE.plusSeconds(60).toEpochMilli());
    // The old entry cannot be opened any more; the expiry index visits it and removes it.
    view("bob", NINE.plus(Duration.ofMinutes(45)), "/b");
    t.driver.advanceWallClockTime(Duration.ofSeconds(2));
    assertThat(t.read("sessions").stream().map(SessionCodec::decode).map(SessionRecord::userKey))
        .containsOnly("bob");
    assertThat(t.storedState("ann")).isNull();
  }
}
