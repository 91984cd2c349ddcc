package io.waymark.profiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.platform.ApiException;
import io.waymark.sessions.StreamsRuntime;
import io.waymark.store.AnalyticalStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The 7-day behavioural profile, in the shape of the contract it follows. */
@RestController
@Tag(name = "Profiles")
@SecurityRequirement(name = "bearer")
class ProfileController {

  private final ObjectProvider<StreamsRuntime> streams;
  private final AnalyticalStore store;
  private final Clock clock;

  ProfileController(ObjectProvider<StreamsRuntime> streams, AnalyticalStore store, Clock clock) {
    this.streams = streams;
    this.store = store;
    this.clock = clock;
  }

  /** The contract's body; field names are the contract's, not snake-cased from Java names. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record BehaviourProfile(
      @JsonProperty("user_id") String userId,
      @JsonProperty("number_pages_viewed_in_the_last_7_days") int pagesViewed,
      @JsonProperty("time_spent_on_site_in_last_7_days") long minutesOnSite,
      @JsonProperty("number_of_days_active_in_last_7_days") int daysActive,
      @JsonProperty("most_viewed_page_in_last_7_days") String mostViewedPage) {

    static BehaviourProfile of(String user, BehaviourDays.Summary s) {
      return new BehaviourProfile(
          user,
          s.pageViews(),
          Math.round(s.activeMillis() / 60_000.0),
          s.activeDays(),
          s.mostViewedPage());
    }
  }

  @Operation(
      summary = "A user's behaviour over the last 7 days",
      description =
          "Computed at the time of the request over the 7 UTC days up to and including today:"
              + " page views, time on site in whole minutes (rounded half up), days with any"
              + " event, and the most viewed page (page name, else URL; ties: alphabetical)."
              + " Served from the stream processor's per-user state: an event counts as soon as"
              + " it has been processed. Includes the history of anonymous ids linked to the"
              + " user. 404 when Waymark has no event of that user.")
  @GetMapping("/v1/user/{userId}")
  BehaviourProfile profile(@PathVariable String userId) {
    StreamsRuntime runtime = streams.getIfAvailable();
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
