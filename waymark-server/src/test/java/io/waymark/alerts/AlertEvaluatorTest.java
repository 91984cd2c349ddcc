package io.waymark.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.events.Bytes;
import io.waymark.events.Event;
import io.waymark.events.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertEvaluatorTest {

  private static final Instant NINE = Instant.parse("2026-03-01T09:00:00Z");
  private static final long DETECTED = Instant.parse("2026-03-01T09:30:00Z").toEpochMilli();
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final AlertEvaluator evaluator = new AlertEvaluator();
  private UserAlertState state = UserAlertState.empty();

  private List<Alert> send(List<AlertRule> rules, Event e) {
    List<Alert> fired = evaluator.evaluate(state, e, rules, DETECTED);
    // Round-trip the state like the stream processor does between events.
    Bytes.Writer w = new Bytes.Writer(64);
    state.writeTo(w);
    state = UserAlertState.readFrom(new Bytes.Reader(w.bytes()));
    return fired;
  }

  private static Event view(Instant at) {
    return TestEvents.event("bot", "page_view", at.toEpochMilli()).page("/p").build();
  }

  private static Event typed(String type, Instant at) {
    return TestEvents.event("u1", type, at.toEpochMilli()).build();
  }

  private static Event purchase(String user, Instant at, double amount) {
    return TestEvents.event(user, "purchase", at.toEpochMilli())
        .purchase("o-" + at.toEpochMilli(), amount, "EUR")
        .build();
  }

  /** {@code n} events evenly spread over {@code span} starting at {@code from}. */
  private List<Alert> flood(List<AlertRule> rules, Instant from, int n, Duration span) {
    List<Alert> fired = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      fired.addAll(send(rules, view(from.plusMillis(span.toMillis() * i / n))));
    }
    return fired;
  }

  @Test
  void firesOnTheHundredAndFirstEventInOneMinute() {
    List<AlertRule> rules = List.of(TestRules.eventFlood(1, 100, MINUTE));

    assertThat(flood(rules, NINE, 100, Duration.ofSeconds(50))).isEmpty();
    List<Alert> fired = send(rules, view(NINE.plusSeconds(55)));

    assertThat(fired).hasSize(1);
    Alert a = fired.get(0);
    assertThat(a.userKey()).isEqualTo("bot");
    assertThat(a.ruleId()).isEqualTo(1);
    assertThat(a.observed()).isEqualTo(101);
    assertThat(a.eventCount()).isEqualTo(101);
    assertThat(a.windowStart()).isEqualTo(NINE.toEpochMilli());
    assertThat(a.windowEnd()).isEqualTo(NINE.plusSeconds(55).toEpochMilli());
    assertThat(a.triggeredAt()).isEqualTo(NINE.plusSeconds(55).toEpochMilli());
    assertThat(a.detectedAt()).isEqualTo(DETECTED);
    assertThat(a.message()).isEqualTo("rule 1: 101 events in 1 min (more than 100)");
  }

  @Test
  void doesNotFireWhenTheEventsAreSpreadOverMoreThanTheWindow() {
    List<AlertRule> rules = List.of(TestRules.eventFlood(1, 100, MINUTE));

    assertThat(flood(rules, NINE, 300, Duration.ofMinutes(4))).isEmpty();
  }

  @Test
  void firesOncePerWindowWhileTheFloodGoesOn() {
    List<AlertRule> rules = List.of(TestRules.eventFlood(1, 100, MINUTE));

    List<Alert> fired = flood(rules, NINE, 600, Duration.ofMinutes(3));

    assertThat(fired).hasSize(3);
    assertThat(fired.get(1).windowEnd() - fired.get(0).windowEnd())
        .isGreaterThanOrEqualTo(MINUTE.toMillis());
  }

  @Test
  void aLateEventCompletesTheWindowItBelongsTo() {
    List<AlertRule> rules = List.of(TestRules.failedPayments(2, 3, Duration.ofMinutes(10)));
    send(rules, typed("payment_failed", NINE));
    send(rules, typed("payment_failed", NINE.plusSeconds(60)));
    send(rules, typed("payment_failed", NINE.plusSeconds(120)));

    List<Alert> fired = send(rules, typed("payment_failed", NINE.plusSeconds(30)));

    assertThat(fired).singleElement().satisfies(a -> assertThat(a.observed()).isEqualTo(4));
  }

  @Test
  void countsOnlyTheRulesEventType() {
    List<AlertRule> rules = List.of(TestRules.failedPayments(2, 3, Duration.ofMinutes(10)));
    for (int i = 0; i < 20; i++) {
      assertThat(send(rules, typed("page_view", NINE.plusSeconds(i)))).isEmpty();
    }
    for (int i = 0; i < 3; i++) {
      assertThat(send(rules, typed("payment_failed", NINE.plusSeconds(30 + i)))).isEmpty();
    }
    assertThat(send(rules, typed("payment_failed", NINE.plusSeconds(40)))).hasSize(1);
  }

  @Test
  void sumsPurchaseAmountsInTheWindow() {
    List<AlertRule> rules = List.of(TestRules.spend(3, 1000, Duration.ofHours(1)));
    send(rules, purchase("u1", NINE, 400));
    send(rules, purchase("u1", NINE.plusSeconds(600), 400));
    assertThat(send(rules, purchase("u1", NINE.plusSeconds(4000), 300))).isEmpty();

    List<Alert> fired = send(rules, purchase("u1", NINE.plusSeconds(4100), 800));

    assertThat(fired).singleElement().satisfies(a -> assertThat(a.observed()).isEqualTo(1500));
  }

  @Test
  void flagsABigPurchaseFromABrandNewIdentityOnly() {
    List<AlertRule> rules = List.of(TestRules.newIdentityPurchase(4, 500, Duration.ofHours(1)));

    assertThat(send(rules, purchase("new", NINE.plusSeconds(120), 900))).hasSize(1);

    state = UserAlertState.empty();
    send(rules, view(NINE));
    assertThat(send(rules, purchase("old", NINE.plus(Duration.ofHours(2)), 900))).isEmpty();

    state = UserAlertState.empty();
    assertThat(send(rules, purchase("small", NINE, 499))).isEmpty();
  }

  @Test
  void aChangedRuleStartsCountingAgain() {
    AlertRule rule = TestRules.eventFlood(1, 5, MINUTE);
    flood(List.of(rule), NINE, 5, Duration.ofSeconds(10));

    AlertRule changed = TestRules.revised(rule, 5);
    assertThat(send(List.of(changed), view(NINE.plusSeconds(11)))).isEmpty();
    assertThat(flood(List.of(changed), NINE.plusSeconds(12), 5, Duration.ofSeconds(5))).hasSize(1);
  }

  @Test
  void forgetsWindowsOfQuietUsers() {
    List<AlertRule> rules = List.of(TestRules.eventFlood(1, 100, MINUTE));
    flood(rules, NINE, 50, Duration.ofSeconds(30));

    state.forgetBefore(NINE.plusSeconds(120).toEpochMilli(), rules);

    assertThat(state.windows).isEmpty();
    assertThat(state.isEmpty()).isFalse(); // first seen is kept
  }

  @Test
  void bindsMemoryForAFlood() {
    List<AlertRule> rules = List.of(TestRules.eventFlood(1, 100, MINUTE));
    flood(rules, NINE, 5000, Duration.ofSeconds(30));

    assertThat(state.windows.get(0).size).isLessThanOrEqualTo(216);
  }

  @Test
  void alertIdsAreStableForTheSameTrigger() {
    List<AlertRule> rules = List.of(TestRules.newIdentityPurchase(4, 500, Duration.ofHours(1)));
    Event buy = purchase("new", NINE, 900);
    Alert first = send(rules, buy).get(0);
    state = UserAlertState.empty();
    Alert again = send(rules, buy).get(0);

    assertThat(again.id()).isEqualTo(first.id());
  }
}
