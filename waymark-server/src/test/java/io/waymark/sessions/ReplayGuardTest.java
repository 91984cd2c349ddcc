package io.waymark.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayGuardTest {

  @Test
  void anEventAtOrBelowTheLastAppliedOffsetOfThePartitionIsAReplay() {
    UserSessions u = UserSessions.empty();
    assertThat(u.alreadyApplied(3, 0)).isFalse();

    u.applied(3, 41);
    UserSessions restored = UserSessionsCodec.decode(UserSessionsCodec.encode(u));

    assertThat(restored.alreadyApplied(3, 40)).isTrue();
    assertThat(restored.alreadyApplied(3, 41)).isTrue();
    assertThat(restored.alreadyApplied(3, 42)).isFalse();
    assertThat(restored.alreadyApplied(4, 10)).as("another partition").isFalse();
    assertThat(restored.alreadyApplied(3, -1)).as("no metadata").isFalse();
  }
}
