package io.waymark.profiles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The 7-day behavioural profile, in the shape of the contract it follows. */
@RestController
@Tag(name = "Profiles")
@SecurityRequirement(name = "bearer")
class ProfileController {

  private final ProfileService profiles;

  ProfileController(ProfileService profiles) {
    this.profiles = profiles;
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
    return profiles.profile(userId);
  }
}
