package io.waymark.customers;

import io.waymark.platform.ApiException;
import io.waymark.store.CustomerFacts;
import io.waymark.store.CustomerStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps customer profiles as SCD2 versions and answers reads. The customer id is the user id; an
 * anonymous visitor is a customer under their anonymous id until they identify, after which that
 * id's current version is closed and its history counts for the user.
 */
final class CustomerService {

  private final CustomerStore store;
  private final ProfileCalculator calculator;
  private final CustomerSettings settings;
  private final Clock clock;

  CustomerService(CustomerStore store, CustomerSettings settings, Clock clock) {
    this.store = store;
    this.calculator = new ProfileCalculator(settings);
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Recomputes the customer at {@code at} and records a version if a tracked attribute changed.
   * Empty when the id is unknown or was merged into a user. Refreshes run one at a time (the
   * refresher and reads), so facts read earlier never overwrite a version recorded from later ones.
   */
  synchronized Optional<CustomerVersion> refresh(String customerId, Instant at) {
    if (store.linkedUser(customerId).isPresent()) {
      store.closeCurrent(customerId, at);
      return Optional.empty();
    }
    CustomerFacts facts = store.facts(customerId, at.minus(settings.recentWindow()));
    for (String anonymous : facts.linkedAnonymousIds()) {
      store.closeCurrent(anonymous, at);
    }
    if (facts.isEmpty()) {
      store.closeCurrent(customerId, at);
      return Optional.empty();
    }
    CustomerProfile profile = calculator.compute(facts, at);
    return Optional.of(store.record(profile, profile.hash(), at));
  }

  /** The current profile, recomputed first so a read right after an import reflects it. */
  CustomerVersion current(String customerId) {
    return refresh(customerId, clock.instant()).orElseThrow(() -> unknown(customerId));
  }

  /** The version valid at {@code at}. */
  CustomerVersion asOf(String customerId, Instant at) {
    List<CustomerVersion> history = history(customerId);
    return store
        .asOf(customerId, at)
        .orElseThrow(
            () -> {
              CustomerVersion first = history.get(history.size() - 1);
              String reason =
                  at.isBefore(first.validFrom())
                      ? "is before the first version of customer \""
                          + customerId
                          + "\", which starts at "
                          + first.validFrom()
                      : "customer \""
                          + customerId
                          + "\" has no version valid at "
                          + at
                          + " (its last version ended at "
                          + history.get(0).validTo()
                          + ")";
              return ApiException.notFound("as_of", reason);
            });
  }

  /** All versions, newest first. */
  List<CustomerVersion> history(String customerId) {
    refresh(customerId, clock.instant());
    List<CustomerVersion> history = store.history(customerId);
    if (history.isEmpty()) {
      throw unknown(customerId);
    }
    return history;
  }

  private ApiException unknown(String customerId) {
    Optional<String> user = store.linkedUser(customerId);
    if (user.isPresent()) {
      return ApiException.notFound(
          "id",
          "anonymous id \""
              + customerId
              + "\" was merged into customer \""
              + user.get()
              + "\" when they identified; GET /api/v1/customers/"
              + user.get()
              + " (the anonymous versions stay under /history)");
    }
    return ApiException.notFound(
        "id",
        "no customer \""
            + customerId
            + "\": no events, transactions or support tickets for this id;"
            + " search users with GET /api/v1/users?q=<prefix>");
  }
}
