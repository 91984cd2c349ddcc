package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkedUsersTest {

  @Test
  void everyAddedUserIsFoundAndOthersAreNot() {
    LinkedUsers linked = new LinkedUsers();
    for (int i = 0; i < 50_000; i++) { // several doublings of the table
      linked.add("user-" + i);
    }
    linked.add("user-7"); // again: still one entry
    assertThat(linked.size()).isEqualTo(50_000);
    for (int i = 0; i < 50_000; i++) {
      assertThat(linked.mayHave("user-" + i)).isTrue();
    }
    int falsePositives = 0;
    for (int i = 0; i < 50_000; i++) {
      if (linked.mayHave("other-" + i)) {
        falsePositives++;
      }
    }
    assertThat(falsePositives).isZero(); // 64-bit hashes: a collision here is ~1e-10 likely
    assertThat(linked.mayHave("")).isFalse();
  }

  @Test
  void theHashIsNeverTheEmptyMarker() {
    assertThat(LinkedUsers.hash("")).isNotZero();
    assertThat(LinkedUsers.hash("a")).isNotEqualTo(LinkedUsers.hash("b"));
  }
}
