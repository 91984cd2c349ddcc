package io.waymark.store;

import io.waymark.customers.CustomerProfile;
import io.waymark.customers.CustomerVersion;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The customer profile's facts and its SCD2 versions ({@code customer_profile_versions}), kept
 * apart from {@link AnalyticalStore} so the profile's SQL lives in one place.
 */
public interface CustomerStore extends AutoCloseable {

  /**
   * Lets reads for the API go first: waits until the store has had no such read for {@code quiet},
   * at most {@code max}; returns whether it was quiet. Called by background recomputes between
   * customers.
   */
  default boolean yieldToReads(java.time.Duration quiet, java.time.Duration max) {
    return true;
  }

  /** Everything known about the customer; "recent" counts are from {@code recentFrom} on. */
  CustomerFacts facts(String customerId, Instant recentFrom);

  /** The user id an anonymous id was linked to (first link wins), if any. */
  Optional<String> linkedUser(String anonymousId);

  /**
   * Customer ids (user ids, or anonymous ids not linked to a user) with events received,
   * transactions or tickets imported, or sessions ending at or after {@code since}, or who
   * interacted with catalogue items imported since then.
   */
  Set<String> touchedSince(Instant since);

  /** The newest receive or import time of any fact, or null in an empty store. */
  Instant latestFactTime();

  /** Customers whose current version was last seen at or after {@code since}. */
  List<String> currentSeenSince(Instant since);

  /**
   * Records {@code profile} as of {@code at}: nothing new when its hash equals the current
   * version's (only {@code checked_at} moves); otherwise the current version is closed at {@code
   * at} and a new one opened there. A change at the very instant the current version began replaces
   * it, since no as-of query could ever see the replaced one; a profile computed before the current
   * version began is stale and leaves it as it is.
   */
  CustomerVersion record(CustomerProfile profile, String hash, Instant at);

  /** Closes the customer's current version at {@code at}, if there is one; true if it did. */
  boolean closeCurrent(String customerId, Instant at);

  Optional<CustomerVersion> current(String customerId);

  /** The version valid at {@code at}: {@code valid_from <= at < valid_to}. */
  Optional<CustomerVersion> asOf(String customerId, Instant at);

  /** All versions, newest first. */
  List<CustomerVersion> history(String customerId);

  /** A named refresh watermark, or empty before the first run. */
  Optional<Instant> watermark(String name);

  void saveWatermark(String name, Instant value);

  /** How many versions the given customer ids have. */
  long countVersions(Collection<String> customerIds);

  /** Deletes every version of the given customer ids; returns how many rows went. */
  long deleteVersions(Collection<String> customerIds);

  @Override
  void close();
}
