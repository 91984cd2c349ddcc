package io.waymark.profiles;

import io.waymark.platform.ApiException;
import io.waymark.sessions.StreamsRuntime;
import io.waymark.store.AnalyticalStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Computes a user's 7-day behavioural profile from the stream's per-user state, for the API and for
 * the lean server's read of the same path.
 */
public final class ProfileService {

  private final Supplier<StreamsRuntime> streams;
  private final AnalyticalStore store;
  private final Clock clock;

  ProfileService(Supplier<StreamsRuntime> streams, AnalyticalStore store, Clock clock) {
    this.streams = streams;
    this.store = store;
    this.clock = clock;
  }

  /** The user's profile now; throws {@link ApiException} (404, 503) as the API answers them. */
  public BehaviourProfile profile(String userId) {
    StreamsRuntime runtime = streams.get();
    if (runtime == null) {
      throw new ApiException(
          503,
          null,
          "profiles come from the stream processor, which is switched off"
              + " (waymark.sessions.stream-enabled=false)");
    }
    Optional<BehaviourDays> days;
    try {
      Optional<StreamsRuntime.Behaviour> own = runtime.behaviourOf(userId);
      days = own.map(StreamsRuntime.Behaviour::days);
      // The anonymous ids this user's events carried: their days before identifying count too.
      for (String anonymous :
          own.map(StreamsRuntime.Behaviour::linkedAnonymousIds).orElse(List.of())) {
        Optional<StreamsRuntime.Behaviour> before = runtime.behaviourOf(anonymous);
        if (before.isPresent()) {
          days.get().addAll(before.get().days());
        }
      }
    } catch (IllegalStateException notReady) {
      throw new ApiException(503, null, notReady.getMessage() + "; retry in a few seconds");
    }
    if (days.isEmpty()) {
      if (store.user(userId).isEmpty()) {
        throw ApiException.notFound(
            "user_id", "Waymark has no events of user \"" + userId + "\" (ids are case-sensitive)");
      }
      days = Optional.of(BehaviourDays.empty()); // known, but nothing in the last 7 days
    }
    return BehaviourProfile.of(userId, days.get().summarize(clock.millis()));
  }
}
