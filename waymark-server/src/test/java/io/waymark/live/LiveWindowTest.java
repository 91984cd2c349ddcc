package io.waymark.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiveWindowTest {

  private static final long MIN = 60_000L;
  private static final long T0 = 29_000_000L * MIN; // an exact minute

  private final LiveWindow w = new LiveWindow();

  private void seen(String user, String session, long at) {
    long minute = Math.floorDiv(at, MIN);
    w.record(user, minute, true, -1, null, session, at);
  }

  @Test
  void countsEachClientSessionOfAUserOnce() {
    seen("u1", "s1", T0);
    seen("u1", "s1", T0 + 10_000);
    seen("u1", "s2", T0 + 20_000);
    seen("u1", null, T0 + 30_000);

    assertThat(w.sessionsOf("u1", T0)).isEqualTo(3);
    assertThat(w.sessionsOf("u1", T0 + 15_000)).isEqualTo(2);
    assertThat(w.sessionsOf("u2", T0)).isZero();
  }

  @Test
  void pruningForgetsOnlyUsersQuietSinceTheHorizon() {
    seen("quiet", "s", T0);
    seen("busy", "s", T0);
    seen("busy", "s", T0 + 5 * MIN);

    w.prune(T0 + 2 * MIN);

    assertThat(w.presenceSize()).isEqualTo(1);
    assertThat(w.sessionsOf("quiet", 0)).isZero();
    assertThat(w.sessionsOf("busy", T0 + 4 * MIN)).isEqualTo(1);

    w.prune(T0 + 6 * MIN);
    assertThat(w.presenceSize()).isZero();
  }

  @Test
  void aPartlyOldUserKeepsTheNewerSessionAfterItsMinuteIsPruned() {
    seen("u", "old", T0);
    seen("u", "new", T0 + 3 * MIN);

    w.prune(T0 + 2 * MIN); // the user is listed under T0+3, not looked at yet
    assertThat(w.sessionsOf("u", 0)).isEqualTo(2);

    seen("u", "new", T0 + 9 * MIN);
    // The user is now listed under T0+9: held as a whole until that minute falls behind, while
    // queries (which only look after the horizon) see the one recent session.
    w.prune(T0 + 4 * MIN + 1);
    assertThat(w.sessionsOf("u", T0 + 4 * MIN + 1)).isEqualTo(1);

    w.prune(T0 + 9 * MIN + 30_000);
    assertThat(w.sessionsOf("u", T0 + 9 * MIN)).isEqualTo(1);
    assertThat(w.presenceSize()).isEqualTo(1);

    w.prune(T0 + 10 * MIN);
    assertThat(w.presenceSize()).isZero();
  }

  @Test
  void anEventOlderThanThePrunedHorizonIsForgottenAtTheNextPrune() {
    seen("u", "s", T0 + 10 * MIN);
    w.prune(T0 + 5 * MIN);
    seen("late", "s", T0 + MIN);

    w.prune(T0 + 5 * MIN);

    assertThat(w.sessionsOf("late", 0)).isZero();
    assertThat(w.sessionsOf("u", 0)).isEqualTo(1);
  }

  @Test
  void forgetRemovesTheUsersPresenceAndPruningStillWorksAfterwards() {
    seen("u", "s", T0);
    w.forget("u");
    assertThat(w.sessionsOf("u", 0)).isZero();

    w.prune(T0 + 5 * MIN);
    assertThat(w.presenceSize()).isZero();
  }

  @Test
  void theSnapshotCountsUsersByOpenSessions() {
    seen("one", "a", T0);
    seen("two", "a", T0);
    seen("two", "b", T0);
    LiveSnapshot s = new LiveSnapshot();

    w.addTo(s, Math.floorDiv(T0, MIN), Math.floorDiv(T0, MIN), 0, T0);

    assertThat(s.sessionsPerUser()).containsEntry("1", 1L).containsEntry("2", 1L);
    assertThat(s.perMinute(Math.floorDiv(T0, MIN), Math.floorDiv(T0, MIN)).get(0).events())
        .isEqualTo(3);
  }
}
