package io.waymark.customers;

import io.waymark.store.CustomerStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the profile versions up to date: each tick queues the customers touched since the last run
 * (by receive and import time), and once per daily interval everyone whose time-based segments or
 * 30-day counts can still change, then recomputes a bounded batch of the queue.
 */
final class CustomerRefresher {

  static final String INCREMENTAL = "incremental";
  static final String DAILY = "daily";

  private static final Logger log = LoggerFactory.getLogger(CustomerRefresher.class);

  private final CustomerStore store;
  private final CustomerService service;
  private final CustomerSettings settings;
  private final Clock clock;

  /**
   * Customers found to need a recompute and not done yet: each tick does at most {@code
   * refreshBatch} of them, so a bulk load or the daily pass over 500,000 customers is spread out
   * instead of taking a core for hours. In memory: after a restart the customers still queued are
   * found again by the lookback or the next daily pass, and a read recomputes its customer anyway.
   */
  private final java.util.LinkedHashSet<String> pending = new java.util.LinkedHashSet<>();

  CustomerRefresher(
      CustomerStore store, CustomerService service, CustomerSettings settings, Clock clock) {
    this.store = store;
    this.service = service;
    this.settings = settings;
    this.clock = clock;
  }

  @Scheduled(
      initialDelayString = "${waymark.customers.refresh-interval:1m}",
      fixedDelayString = "${waymark.customers.refresh-interval:1m}")
  void tick() {
    if (!settings.refreshEnabled()) {
      return;
    }
    try {
      refreshTouched();
      if (dailyPassDue()) {
        dailyPass();
      }
      drain(settings.refreshBatch());
    } catch (RuntimeException e) {
      log.warn(
          "Customer profile refresh failed: {}. It runs again in {}; reads still recompute the"
              + " customer they ask for.",
          e.getMessage(),
          settings.refreshInterval(),
          e);
    }
  }

  /**
   * Recomputes every customer with a fact received or imported since the watermark (minus the
   * lookback, for facts committed late and sessions closed later); returns how many.
   */
  int refreshTouched() {
    Instant now = clock.instant();
    Instant latest = store.latestFactTime();
    Optional<Instant> watermark = store.watermark(INCREMENTAL);
    if (latest == null || watermark.isPresent() && !latest.isAfter(watermark.get())) {
      return 0;
    }
    Collection<String> touched =
        store.touchedSince(watermark.map(w -> w.minus(settings.lookback())).orElse(Instant.EPOCH));
    synchronized (pending) {
      pending.addAll(touched);
    }
    store.saveWatermark(INCREMENTAL, latest);
    return touched.size();
  }

  boolean dailyPassDue() {
    Optional<Instant> last = store.watermark(DAILY);
    return last.isEmpty()
        || !clock.instant().isBefore(last.get().plus(settings.dailyPassInterval()));
  }

  /**
   * Recomputes everyone last seen within the churn horizon plus one interval: older customers are
   * churned already and only a new fact, which the incremental pass sees, can change them.
   */
  int dailyPass() {
    Instant now = clock.instant();
    Instant since = now.minus(settings.churnedAfter()).minus(settings.dailyPassInterval());
    List<String> due = store.currentSeenSince(since);
    synchronized (pending) {
      pending.addAll(due);
    }
    store.saveWatermark(DAILY, now);
    return due.size();
  }

  /**
   * Recomputes up to {@code max} queued customers, oldest queued first; returns how many. Before
   * each one it lets the store's API reads go first (decision 34), and it stops when a third of the
   * refresh interval has gone by, so that a tick never holds the scheduler for long; what is left
   * stays queued for the next tick.
   */
  int drain(int max) {
    Instant at = clock.instant();
    long budgetEnd = System.nanoTime() + settings.refreshInterval().toNanos() / 3;
    int done = 0;
    for (int i = 0; i < max && System.nanoTime() < budgetEnd; i++) {
      store.yieldToReads(settings.refreshYieldQuiet(), settings.refreshYieldMax());
      String id;
      synchronized (pending) {
        var it = pending.iterator();
        if (!it.hasNext()) {
          break;
        }
        id = it.next();
        it.remove();
      }
      done += refreshAll(List.of(id), at);
    }
    return done;
  }

  /** Customers queued for a recompute. */
  int queued() {
    synchronized (pending) {
      return pending.size();
    }
  }

  private int refreshAll(Collection<String> ids, Instant at) {
    int done = 0;
    for (String id : ids) {
      try {
        service.refresh(id, at);
        done++;
      } catch (RuntimeException e) {
        log.warn(
            "Could not refresh the profile of customer {}: {}. The next pass retries it.",
            id,
            e.getMessage());
      }
    }
    return done;
  }
}
