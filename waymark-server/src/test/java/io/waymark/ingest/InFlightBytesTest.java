package io.waymark.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InFlightBytesTest {

  private final InFlightBytes budget = new InFlightBytes(300_000);

  @Test
  void reservesUpToTheBudgetAndGivesBack() {
    assertThat(budget.tryReserve(200_000)).isTrue();
    assertThat(budget.tryReserve(200_000)).isFalse();
    assertThat(budget.held()).isEqualTo(200_000);
    assertThat(budget.tryReserve(100_000)).isTrue();
    budget.release(200_000);
    assertThat(budget.tryReserve(200_000)).isTrue();
    budget.release(300_000);
    assertThat(budget.held()).isZero();
  }

  @Test
  void aRequestLargerThanTheBudgetGetsInOnlyAlone() {
    assertThat(budget.tryReserve(400_000)).isTrue();
    assertThat(budget.tryReserve(1)).isFalse();
    budget.release(400_000);
    assertThat(budget.tryReserve(1)).isTrue();
    assertThat(budget.tryReserve(400_000)).isFalse();
  }

  @Test
  void nothingToReserveAlwaysFits() {
    budget.tryReserve(300_000);
    assertThat(budget.tryReserve(0)).isTrue();
    assertThat(budget.held()).isEqualTo(300_000);
  }
}
