package io.waymark.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

  private static final long START = 1_000_000_000L;

  @Test
  void spacesRequestsEvenlyAtTheRate() {
    var schedule = new OpenLoopSchedule(START, 5000, 100_000);

    assertThat(schedule.intendedStart(0)).isEqualTo(START);
    assertThat(schedule.intendedStart(1)).isEqualTo(START + 200_000);
    assertThat(schedule.intendedStart(5000)).isEqualTo(START + 1_000_000_000L);
    assertThat(schedule.lastStart()).isEqualTo(START + 99_999L * 200_000);
  }

  @Test
  void roundsIntendedStartsDownWhenTheIntervalIsNotWholeNanoseconds() {
    var schedule = new OpenLoopSchedule(START, 3, 10);

    assertThat(schedule.intendedStart(1)).isEqualTo(START + 333_333_333);
    assertThat(schedule.intendedStart(2)).isEqualTo(START + 666_666_666);
    assertThat(schedule.intendedStart(3)).isEqualTo(START + 1_000_000_000);
  }

  @Test
  void countsTheRequestsDueByAGivenTime() {
    var schedule = new OpenLoopSchedule(START, 5000, 100);

    assertThat(schedule.dueBy(START - 1)).isZero();
    assertThat(schedule.dueBy(START)).isEqualTo(1);
    assertThat(schedule.dueBy(START + 199_999)).isEqualTo(1);
    assertThat(schedule.dueBy(START + 200_000)).isEqualTo(2);
    assertThat(schedule.dueBy(START + 1_000_000_000L)).isEqualTo(100);
  }

  @Test
  void agreesWithItsIntendedStartsForEveryRequest() {
    var schedule = new OpenLoopSchedule(START, 7, 50);

    for (long i = 0; i < 50; i++) {
      long at = schedule.intendedStart(i);
      assertThat(schedule.dueBy(at)).as("due at request %d's start", i).isEqualTo(i + 1);
      assertThat(schedule.dueBy(at - 1)).as("due just before request %d", i).isEqualTo(i);
    }
  }

  @Test
  void rejectsARateBelowOnePerSecond() {
    assertThatThrownBy(() -> new OpenLoopSchedule(START, 0, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
