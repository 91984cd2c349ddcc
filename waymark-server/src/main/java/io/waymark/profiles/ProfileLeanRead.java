package io.waymark.profiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.ingest.LeanRead;
import java.util.function.Function;

/**
 * {@code GET /v1/user/{id}} on the lean collector port too: the profile is a key lookup in the
 * stream's state, and the main server's request handling cost more than the lookup itself.
 */
final class ProfileLeanRead implements LeanRead {

  private final ProfileService profiles;
  private final ObjectMapper json;

  ProfileLeanRead(ProfileService profiles, ObjectMapper json) {
    this.profiles = profiles;
    this.json = json;
  }

  @Override
  public String prefix() {
    return "/v1/user/";
  }

  @Override
  public Answer answer(String id, Function<String, String> query) {
    return LeanRead.json(json, () -> profiles.profile(id));
  }
}
