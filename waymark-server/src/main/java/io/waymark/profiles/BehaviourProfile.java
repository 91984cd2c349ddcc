package io.waymark.profiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The contract's body; field names are the contract's, not snake-cased from Java names. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BehaviourProfile(
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
