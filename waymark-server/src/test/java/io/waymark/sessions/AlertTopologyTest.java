package io.waymark.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.alerts.Alert;
import io.waymark.alerts.AlertCodec;
import io.waymark.alerts.AlertRule;
import io.waymark.alerts.RuleKind;
import io.waymark.alerts.Severity;
import io.waymark.events.Event;
import io.waymark.events.TestEvents;
import io.waymark.live.LiveRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each default rule kind through the real topology, plus rules changing while it runs. */
class AlertTopologyTest {

  private static final Instant NINE = Instant.parse("2026-03-01T09:00:00Z");
  private static final Instant WALL = Instant.parse("2026-03-01T09:00:00.250Z");
  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

  private static final AlertRule FLOOD = rule(1, RuleKind.EVENT_COUNT, 100, "1m", null);
  private static final AlertRule FAILED = rule(2, RuleKind.EVENT_COUNT, 3, "10m", "payment_failed");
  private static final AlertRule ORDERS = rule(3, RuleKind.EVENT_COUNT, 5, "1h", "purchase");
  private static final AlertRule SPEND = rule(4, RuleKind.AMOUNT_SUM, 5000, "1h", "purchase");
  private static final AlertRule NEW_BUYER =
      rule(5, RuleKind.NEW_IDENTITY_PURCHASE, 500, "1h", "purchase");

  private final AtomicReference<List<AlertRule>> rules =
      new AtomicReference<>(List.of(FLOOD, FAILED, ORDERS, SPEND, NEW_BUYER));
  private TopologyDrivers t;
  private TopologyTestDriver driver;

  @BeforeEach
  void start() {
    t = TopologyDrivers.start("alerts-test", new LiveRegistry(), rules::get, WALL);
    driver = t.driver;
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private static AlertRule rule(
      int id, RuleKind kind, double threshold, String window, String type) {
    return new AlertRule(
        id,
        1,
        kind.name() + " " + id,
        null,
        kind,
        threshold,
        org.springframework.boot.convert.DurationStyle.detectAndParse(window),
        type,
        null,
        Severity.HIGH,
        true,
        CREATED,
        CREATED);
  }

  private void send(Event e) {
    t.send(e);
  }

  private void send(String user, String type, Instant at) {
    send(TestEvents.event(user, type, at.toEpochMilli()).page("/p").build());
  }

  private void buy(String user, Instant at, double amount) {
    send(
        TestEvents.event(user, "purchase", at.toEpochMilli())
            .purchase("o-" + user + at.toEpochMilli(), amount, "EUR")
            .build());
  }

  private List<Alert> fired() {
    return t.read("alerts").stream().map(AlertCodec::decode).toList();
  }

  @Test
  void aBotWithMoreThanAHundredEventsInAMinuteIsFlaggedWithinTheSameEvent() {
    for (int i = 0; i < 100; i++) {
      send("bot", "page_view", NINE.plusMillis(500L * i));
    }
    assertThat(fired()).isEmpty();

    send("bot", "page_view", NINE.plusSeconds(50));

    List<Alert> out = fired();
    assertThat(out)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.ruleId()).isEqualTo(FLOOD.id());
              assertThat(a.userKey()).isEqualTo("bot");
              assertThat(a.observed()).isEqualTo(101);
              assertThat(a.detectedAt()).isEqualTo(WALL.toEpochMilli());
            });
  }

  @Test
  void aBurstOfFailedPaymentsIsFlagged() {
    for (int i = 0; i < 3; i++) {
      send("card", "payment_failed", NINE.plusSeconds(20L * i));
    }
    assertThat(fired()).isEmpty();
    send("card", "payment_failed", NINE.plusSeconds(70));

    assertThat(fired()).extracting(Alert::ruleId).containsExactly(FAILED.id());
  }

  @Test
  void tooManyOrdersAndTooMuchSpendInAnHourAreFlagged() {
    send("big", "page_view", NINE.minus(Duration.ofDays(2)));
    for (int i = 0; i < 5; i++) {
      buy("big", NINE.plus(Duration.ofMinutes(10L * i)), 1100);
    }
    assertThat(fired()).extracting(Alert::ruleId).containsExactly(SPEND.id());

    buy("big", NINE.plus(Duration.ofMinutes(55)), 10);

    assertThat(fired()).extracting(Alert::ruleId).containsExactly(ORDERS.id());
  }

  @Test
  void aBigPurchaseFromABrandNewIdentityIsFlaggedButNotFromAKnownOne() {
    send("known", "page_view", NINE.minus(Duration.ofDays(3)));
    buy("known", NINE, 900);
    assertThat(fired()).isEmpty();

    send("fresh", "page_view", NINE);
    buy("fresh", NINE.plus(Duration.ofMinutes(4)), 900);

    assertThat(fired())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.ruleId()).isEqualTo(NEW_BUYER.id());
              assertThat(a.userKey()).isEqualTo("fresh");
              assertThat(a.message()).contains("first seen 4 min earlier");
            });
  }

  @Test
  void ruleChangesApplyToTheRunningTopology() {
    rules.set(List.of(rule(7, RuleKind.EVENT_COUNT, 2, "1m", "click")));
    send("u", "click", NINE);
    send("u", "click", NINE.plusSeconds(1));
    send("u", "click", NINE.plusSeconds(2));
    assertThat(fired()).extracting(Alert::ruleId).containsExactly(7);

    rules.set(List.of());
    for (int i = 0; i < 10; i++) {
      send("v", "click", NINE.plusSeconds(10 + i));
    }
    assertThat(fired()).isEmpty();
  }
}
