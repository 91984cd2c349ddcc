package io.waymark.profiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.admin.Role;
import io.waymark.ingest.LeanRead;
import io.waymark.platform.ApiException;

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
  public boolean allows(Role role) {
    return role == Role.ANALYST || role == Role.ADMIN;
  }

  @Override
  public Answer answer(String id, java.util.function.Function<String, String> query) {
    try {
      try {
        return new Answer(200, json.writeValueAsBytes(profiles.profile(id)));
      } catch (ApiException e) {
        return new Answer(e.status(), json.writeValueAsBytes(e.body()));
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a profile answer", e);
    }
  }
}
