package io.waymark.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventOrderTest {

  @Test
  void uuidsCompareAsTheirTextAsTheStoreOrdersThem() {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      ids.add(UUID.randomUUID());
    }
    ids.add(UUID.fromString("ffffffff-0000-0000-0000-000000000000")); // negative when signed
    ids.add(UUID.fromString("00000000-0000-0000-8000-000000000000"));
    List<UUID> byText = new ArrayList<>(ids);
    byText.sort(Comparator.comparing(UUID::toString));
    List<UUID> byOrder = new ArrayList<>(ids);
    byOrder.sort(EventOrder::asText);
    assertThat(byOrder).isEqualTo(byText);
  }
}
