package io.waymark.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.events.Event;
import io.waymark.events.TestEvents;
import io.waymark.live.LiveRegistry;
import io.waymark.profiles.BehaviourDays;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The 7-day behavioural profile from hand-made event sequences through the real topology. */
class ProfileTopologyTest {

  private static final Instant WALL = Instant.parse("2026-03-05T12:00:00Z");
  private static final String BLOG = "Blog: better B2B customer experience";

  private TopologyDrivers t;

  @BeforeEach
  void start() {
    t = TopologyDrivers.start("profile-test", new LiveRegistry(), List::of, WALL);
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private void view(String at, String url) {
    send(TestEvents.event("ann", "page_view", Instant.parse(at).toEpochMilli()).page(url).build());
  }

  private void named(String at, String name) {
    send(
        TestEvents.event("ann", "page_view", Instant.parse(at).toEpochMilli())
            .page("/blog/b2b")
            .named(name)
            .build());
  }

  private void click(String at) {
    send(TestEvents.event("ann", "click", Instant.parse(at).toEpochMilli()).build());
  }

  private void send(Event e) {
    t.send(e);
  }

  private BehaviourDays.Summary profileAt(String now) {
    byte[] state = t.state("ann");
    return UserSessionsCodec.decode(state).behaviour.summarize(Instant.parse(now).toEpochMilli());
  }

  /** Two sessions: one across midnight (Mar 1-2), one on Mar 5. */
  private void twoSessions() {
    view("2026-03-01T23:50:00Z", "/a"); // +5 min (Mar 1)
    view("2026-03-01T23:55:00Z", "/b"); // +10 min (Mar 1)
    view("2026-03-02T00:05:00Z", "/a"); // +25 min, capped at 10 (Mar 2)
    click("2026-03-02T00:30:00Z"); // last of its session: 0
    named("2026-03-05T10:00:00Z", BLOG); // +3
    named("2026-03-05T10:03:00Z", BLOG); // +1
    click("2026-03-05T10:04:00Z"); // +1
    named("2026-03-05T10:05:00Z", BLOG); // last: 0
  }

  @Test
  void countsPagesTimeDaysAndTheMostViewedPageAcrossMidnightAndSessions() {
    twoSessions();

    BehaviourDays.Summary p = profileAt("2026-03-05T12:00:00Z");

    assertThat(p.pageViews()).isEqualTo(6);
    assertThat(p.activeMillis()).isEqualTo(30 * 60_000L);
    assertThat(p.activeDays()).isEqualTo(3);
    assertThat(p.mostViewedPage()).isEqualTo(BLOG);
    assertThat(p.topPageViews()).isEqualTo(3);
  }

  @Test
  void theOldestDayLeavesTheWindowAtUtcMidnight() {
    twoSessions();

    BehaviourDays.Summary lastDayIn = profileAt("2026-03-07T23:59:59Z");
    BehaviourDays.Summary dayOut = profileAt("2026-03-08T00:00:00Z");

    assertThat(lastDayIn.pageViews()).isEqualTo(6);
    assertThat(dayOut.pageViews()).isEqualTo(4); // Mar 1's /a and /b left
    assertThat(dayOut.activeMillis()).isEqualTo(15 * 60_000L); // Mar 1's 15 minutes left
    assertThat(dayOut.activeDays()).isEqualTo(2);
    assertThat(profileAt("2026-03-12T00:00:00Z").activeDays()).isZero();
  }

  @Test
  void aLateEventInsideASessionAddsItsViewButNotTimeAndOneBeforeItAddsTheGap() {
    twoSessions();
    view("2026-03-05T10:02:00Z", "/c"); // splits 10:00-10:03, already counted
    view("2026-03-05T09:58:00Z", "/d"); // extends the session backwards by 2 minutes

    BehaviourDays.Summary p = profileAt("2026-03-05T12:00:00Z");

    assertThat(p.pageViews()).isEqualTo(8);
    assertThat(p.activeMillis()).isEqualTo(32 * 60_000L);
    assertThat(p.mostViewedPage()).isEqualTo(BLOG);
  }

  @Test
  void aPageViewLaterThanTheSessionsGraceStillCountsInTheProfile() {
    named("2026-03-05T10:00:00Z", BLOG);
    // Four days late: no session takes it (the grace is 72 h), the 7-day profile does.
    view("2026-03-01T09:00:00Z", "/four-days-ago");
    view("2026-03-01T09:00:00Z", "/four-days-ago");

    BehaviourDays.Summary p = profileAt("2026-03-05T12:00:00Z");

    assertThat(p.pageViews()).isEqualTo(3);
    assertThat(p.activeDays()).isEqualTo(2);
    assertThat(p.mostViewedPage()).isEqualTo("/four-days-ago");
    assertThat(p.activeMillis()).isZero(); // no session: no time on site
    assertThat(UserSessionsCodec.decode(t.state("ann")).sessions).hasSize(1);
  }

  @Test
  void anEntryHoldingOnlyLateDaysIsDeletedWhenTheyLeaveTheWindow() {
    TopologyDrivers other = t;
    send(
        TestEvents.event("bob", "click", Instant.parse("2026-03-05T10:00:00Z").toEpochMilli())
            .build());
    view("2026-03-01T09:00:00Z", "/late"); // ann's only event, late for sessions
    assertThat(other.state("ann")).isNotNull();

    // Mar 1 leaves every request's window at Mar 8 00:00; stream time moves with the wall clock.
    other.driver.advanceWallClockTime(java.time.Duration.ofDays(3));
    assertThat(other.state("ann")).isNull();
  }

  @Test
  void tiesGoToTheAlphabeticallyFirstPage() {
    view("2026-03-05T10:00:00Z", "/zebra");
    view("2026-03-05T10:01:00Z", "/apple");

    assertThat(profileAt("2026-03-05T12:00:00Z").mostViewedPage()).isEqualTo("/apple");
  }
}
