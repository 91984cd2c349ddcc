package io.waymark.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.events.Event;
import io.waymark.events.TestEvents;
import io.waymark.live.LiveMetrics;
import io.waymark.live.LiveRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionTopologyTest {

  private static final Instant NINE = Instant.parse("2026-03-01T09:00:00Z");
  private static final Instant WALL_START = Instant.parse("2026-03-05T00:00:00Z");

  private final LiveRegistry live = new LiveRegistry();
  private TopologyDrivers t;
  private TopologyTestDriver driver;

  @BeforeEach
  void start() {
    t = TopologyDrivers.start("sessions-test", live, List::of, WALL_START);
    driver = t.driver;
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private void send(String user, Instant at, String type) {
    TestEvents.Builder b = TestEvents.event(user, type, at.toEpochMilli());
    Event e =
        type.equals("page_view") ? b.page("/" + at.getEpochSecond() % 100).build() : b.build();
    t.send(e, at.toEpochMilli());
  }

  private static Instant minutes(Instant base, int m) {
    return base.plus(Duration.ofMinutes(m));
  }

  private List<SessionRecord> emitted() {
    driver.advanceWallClockTime(Duration.ofSeconds(1));
    return t.read("sessions").stream().map(SessionCodec::decode).toList();
  }

  @Test
  void keepsASessionOpenWhileTheUserIsActive() {
    send("ann", NINE, "page_view");
    send("bob", minutes(NINE, 29), "page_view");
    assertThat(emitted()).isEmpty();
  }

  @Test
  void closesSessionAfterThirtyMinutesOfInactivity() {
    send("ann", NINE, "page_view");
    send("ann", minutes(NINE, 10), "page_view");
    send("bob", minutes(NINE, 40), "page_view");
    List<SessionRecord> out = emitted();
    assertThat(out).hasSize(1);
    SessionRecord ann = out.get(0);
    assertThat(ann.userKey()).isEqualTo("ann");
    assertThat(ann.start()).isEqualTo(NINE.toEpochMilli());
    assertThat(ann.end()).isEqualTo(minutes(NINE, 10).toEpochMilli());
    assertThat(ann.eventCount()).isEqualTo(2);
    assertThat(ann.pageViews()).isEqualTo(2);
    assertThat(emitted()).isEmpty(); // emitted once
  }

  @Test
  void closesQuietSessionsWhenTrafficStops() {
    send("ann", NINE, "page_view");
    assertThat(emitted()).isEmpty();
    driver.advanceWallClockTime(Duration.ofMinutes(30));
    assertThat(emitted()).extracting(SessionRecord::userKey).containsExactly("ann");
  }

  @Test
  void countsPurchasesAndRevenue() {
    send("ann", NINE, "page_view");
    Event purchase =
        TestEvents.event("ann", "purchase", minutes(NINE, 5).toEpochMilli())
            .purchase("o-1", 42.5, "EUR")
            .build();
    t.send(purchase, minutes(NINE, 5).toEpochMilli());
    send("bob", minutes(NINE, 60), "click");
    SessionRecord ann = emitted().get(0);
    assertThat(ann.purchases()).isEqualTo(1);
    assertThat(ann.revenue()).isEqualTo(42.5);
    assertThat(ann.currency()).isEqualTo("EUR");
  }

  @Test
  void aLateEventUpdatesTheClosedSessionItBelongsTo() {
    send("ann", NINE, "page_view");
    send("ann", minutes(NINE, 10), "page_view");
    send("bob", minutes(NINE, 60), "click");
    SessionRecord first = emitted().get(0);
    send("ann", minutes(NINE, 5), "click");
    List<SessionRecord> updated = emitted();
    assertThat(updated).hasSize(1);
    assertThat(updated.get(0).id()).isEqualTo(first.id());
    assertThat(updated.get(0).eventCount()).isEqualTo(3);
  }

  @Test
  void aLateEventBridgingTwoSessionsMergesThem() {
    send("ann", NINE, "page_view");
    send("ann", minutes(NINE, 50), "page_view");
    send("bob", minutes(NINE, 120), "click");
    List<SessionRecord> two = emitted();
    assertThat(two).hasSize(2);
    send("ann", minutes(NINE, 25), "click");
    List<SessionRecord> out = emitted();
    assertThat(out).hasSize(2);
    SessionRecord retracted = out.get(0);
    SessionRecord merged = out.get(1);
    assertThat(retracted.id()).isEqualTo(two.get(1).id());
    assertThat(retracted.mergedInto()).isEqualTo(two.get(0).id());
    assertThat(merged.id()).isEqualTo(two.get(0).id());
    assertThat(merged.start()).isEqualTo(NINE.toEpochMilli());
    assertThat(merged.end()).isEqualTo(minutes(NINE, 50).toEpochMilli());
    assertThat(merged.eventCount()).isEqualTo(3);
  }

  @Test
  void anEventLaterThanTheGracePeriodOpensNoSessionAndIsNotQuarantined() {
    send("bob", NINE.plus(Duration.ofDays(4)), "click");
    send("ann", NINE, "page_view");
    driver.advanceWallClockTime(Duration.ofHours(1));
    assertThat(emitted()).extracting(SessionRecord::userKey).containsExactly("bob");
    UserSessions ann = UserSessionsCodec.decode(t.state("ann"));
    assertThat(ann.sessions).isEmpty();
    assertThat(ann.behaviour.summarize(NINE.toEpochMilli()).pageViews()).isEqualTo(1);
  }

  @Test
  void passesImportedHistoryByWithoutQuarantineSessionOrStreamTime() {
    send("bob", NINE.plus(Duration.ofDays(4)), "click");
    Event old =
        TestEvents.event("ann", "page_view", NINE.toEpochMilli())
            .page("/old")
            .source("import:clickstream:imp-1")
            .build();
    t.send(old, NINE.toEpochMilli());
    Event future =
        TestEvents.event("cid", "page_view", NINE.plus(Duration.ofDays(9)).toEpochMilli())
            .page("/later")
            .source("import:clickstream:imp-1")
            .build();
    t.send(future);
    send("dan", NINE.plus(Duration.ofDays(4)).plusSeconds(60), "page_view");

    assertThat(t.read("quarantine")).isEmpty();
    assertThat(emitted()).isEmpty();
  }

  @Test
  void forgetsAUsersSessionsAfterTheGracePeriodAndTheIdentityAfterItsMemory() {
    send("ann", NINE, "page_view");
    send("bob", minutes(NINE, 40), "click");
    emitted();
    send("bob", NINE.plus(Duration.ofHours(73)), "click");
    emitted();
    UserSessions ann = UserSessionsCodec.decode(t.state("ann"));
    assertThat(ann.sessions).isEmpty();
    assertThat(ann.alerts.isEmpty()).isFalse();

    send("bob", NINE.plus(Duration.ofDays(91)), "click");
    driver.advanceWallClockTime(Duration.ofSeconds(2));
    assertThat(t.storedState("ann")).isNull();
  }

  @Test
  void feedsLiveFiguresPerMinute() {
    send("ann", NINE, "page_view");
    send("ann", NINE.plusSeconds(20), "page_view");
    send("bob", NINE.plusSeconds(30), "page_view");
    send("bob", minutes(NINE, 3), "click");
    LiveMetrics metrics = new LiveMetrics(live, Clock.fixed(minutes(NINE, 4), ZoneOffset.UTC));
    LiveMetrics.Summary s = metrics.summary(5);
    assertThat(s.activeUsers5m()).isEqualTo(2);
    assertThat(s.perMinute60m().get(55)).isEqualTo(new LiveMetrics.PerMinute(NINE, 3, 2));
    assertThat(s.perMinute60m().get(58))
        .isEqualTo(new LiveMetrics.PerMinute(minutes(NINE, 3), 1, 1));
    assertThat(s.topPages15m()).hasSize(3);
    assertThat(s.topPages15m()).extracting(LiveMetrics.Page::views).containsOnly(1L);
    assertThat(s.sessionsPerUser5m()).containsEntry("1", 2L);
    LiveMetrics later = new LiveMetrics(live, Clock.fixed(minutes(NINE, 10), ZoneOffset.UTC));
    assertThat(later.activeUsers(5)).isZero();
  }
}
