package io.waymark.generator.simulation;

import io.waymark.generator.event.Event;
import io.waymark.generator.event.EventContext;
import io.waymark.generator.shop.Catalogue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.random.RandomGenerator;

/**
 * One slot of the population: a person on a device, with the events of their current session
 * planned ahead. When a visitor stops coming back, a new visitor takes over the slot.
 */
final class Shopper {

  private final int slot;
  private final RandomGenerator random;
  private final boolean bot;
  private final Duration meanGap;
  private final Catalogue catalogue;
  private final ArrayDeque<Event> pending = new ArrayDeque<>();

  private String anonymousId;
  private String accountId;
  private boolean loggedIn;
  private boolean cardTester;
  private EventContext device;

  Shopper(
      int slot,
      RandomGenerator random,
      boolean bot,
      Duration meanGap,
      Catalogue catalogue,
      Instant firstSession) {
    this.slot = slot;
    this.random = random;
    this.bot = bot;
    this.meanGap = meanGap;
    this.catalogue = catalogue;
    becomeNewPerson(!bot && random.nextDouble() < Funnel.KNOWN_USER_SHARE);
    planSession(firstSession);
  }

  int slot() {
    return slot;
  }

  /** The time of this shopper's next event. */
  Instant nextTime() {
    return pending.getFirst().timestamp();
  }

  /** Takes the next event, planning the following session after a gap once this one is over. */
  Event next() {
    Event e = pending.removeFirst();
    if (pending.isEmpty()) {
      planSession(e.timestamp().plus(sessionGap()));
    }
    return e;
  }

  /** Number of events still planned in the current session (used to profile sessions). */
  int pendingEvents() {
    return pending.size();
  }

  /** Duration of the current planned session (used to profile sessions). */
  Duration pendingDuration() {
    return Duration.between(pending.getFirst().timestamp(), pending.getLast().timestamp());
  }

  RandomGenerator random() {
    return random;
  }

  String anonymousId() {
    return anonymousId;
  }

  /** The user id events carry: the account id while logged in, otherwise null. */
  String userId() {
    return loggedIn ? accountId : null;
  }

  boolean loggedIn() {
    return loggedIn;
  }

  boolean hasAccount() {
    return accountId != null;
  }

  boolean cardTester() {
    return cardTester;
  }

  EventContext device() {
    return device;
  }

  /** Logs in, or signs up first when the shopper has no account yet. */
  void identify() {
    if (accountId == null) {
      accountId = Ids.hex("u-", random, 10);
    }
    loggedIn = true;
  }

  private void planSession(Instant start) {
    loggedIn = hasAccount() && random.nextDouble() < Funnel.START_LOGGED_IN;
    Visit visit = new Visit(this, start);
    if (bot) {
      BotSession.plan(visit, catalogue);
    } else {
      HumanSession.plan(visit, catalogue);
    }
    pending.addAll(visit.events());
    double churn = hasAccount() ? Funnel.ACCOUNT_HOLDER_CHURN : Funnel.NEW_VISITOR_CHURN;
    if (!bot && random.nextDouble() < churn) {
      becomeNewPerson(false);
    }
  }

  private void becomeNewPerson(boolean withAccount) {
    anonymousId = Ids.uuid(random).toString();
    accountId = withAccount ? Ids.hex("u-", random, 10) : null;
    cardTester = !bot && random.nextDouble() < Funnel.CARD_TESTER_SHARE;
    device = bot ? Devices.bot(random) : Devices.browser(random);
  }

  /** Always more than 30 minutes, so the collector's inactivity rule sees a new session. */
  private Duration sessionGap() {
    long min = SimulationSettings.MIN_SESSION_GAP.toMillis();
    double extraMean = Math.max(60_000, meanGap.toMillis() - min);
    return Duration.ofMillis(min + Math.round(random.nextExponential() * extraMean));
  }
}
