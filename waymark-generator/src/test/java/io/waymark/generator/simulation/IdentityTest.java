package io.waymark.generator.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.generator.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentityTest {

  private static final List<Event> EVENTS =
      ShopperSimulationTest.events(
          SimulationSettings.of(21, ShopperSimulationTest.NOV_1_2026), 150_000);

  @Test
  void someAnonymousVisitorsIdentifyMidSessionAndKeepTheirAnonymousId() {
    Set<String> seenAnonymously = new HashSet<>();
    Set<String> identifiedLater = new HashSet<>();
    for (Event e : EVENTS) {
      if (e.userId() == null) {
        seenAnonymously.add(e.anonymousId());
      } else if (seenAnonymously.contains(e.anonymousId())) {
        identifiedLater.add(e.anonymousId());
      }
    }
    assertThat(identifiedLater).hasSizeGreaterThan(100);
  }

  @Test
  void aSessionNeverLosesTheUserIdOnceIdentified() {
    Map<String, Boolean> identified = new HashMap<>();
    for (Event e : EVENTS) {
      if (Boolean.TRUE.equals(identified.get(e.sessionId()))) {
        assertThat(e.userId()).as("event after identification: %s", e).isNotNull();
      }
      identified.put(e.sessionId(), e.userId() != null);
    }
  }

  @Test
  void returningShoppersHaveSeveralSessionsMoreThanThirtyMinutesApart() {
    Map<String, List<Session>> sessionsByDevice = new LinkedHashMap<>();
    Map<String, Session> sessions = new HashMap<>();
    for (Event e : EVENTS) {
      Session s = sessions.get(e.sessionId());
      if (s == null) {
        s = new Session(e.timestamp());
        sessions.put(e.sessionId(), s);
        sessionsByDevice.computeIfAbsent(e.anonymousId(), k -> new ArrayList<>()).add(s);
      }
      s.last = e.timestamp();
    }
    long returning = sessionsByDevice.values().stream().filter(l -> l.size() > 1).count();
    assertThat(returning).isGreaterThan(500);
    for (List<Session> list : sessionsByDevice.values()) {
      for (int i = 1; i < list.size(); i++) {
        assertThat(Duration.between(list.get(i - 1).last, list.get(i).first))
            .isGreaterThan(Duration.ofMinutes(30));
      }
    }
  }

  @Test
  void accountHoldersComeBackUnderTheSameUserId() {
    Map<String, Set<String>> sessionsByUser = new HashMap<>();
    for (Event e : EVENTS) {
      if (e.userId() != null) {
        sessionsByUser.computeIfAbsent(e.userId(), k -> new HashSet<>()).add(e.sessionId());
      }
    }
    assertThat(sessionsByUser.values().stream().filter(s -> s.size() > 1).count())
        .isGreaterThan(100);
  }

  private static final class Session {
    final Instant first;
    Instant last;

    Session(Instant first) {
      this.first = first;
      this.last = first;
    }
  }
}
