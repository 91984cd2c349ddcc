package io.waymark.journeys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.admin.Role;
import io.waymark.ingest.LeanRead;
import io.waymark.platform.ApiException;
import java.util.function.Function;

/**
 * {@code GET /api/v1/users/{id}/journey} on the lean collector port too, with the same answers as
 * the API: at a few milliseconds per journey, the main server's request handling (security filters,
 * MVC, observation) cost a third of a request's CPU (docs/benchmarks.md).
 */
final class JourneyLeanRead implements LeanRead {

  private final JourneyService journeys;
  private final ObjectMapper json;

  JourneyLeanRead(JourneyService journeys, ObjectMapper json) {
    this.journeys = journeys;
    this.json = json;
  }

  @Override
  public String prefix() {
    return "/api/v1/users/";
  }

  @Override
  public String suffix() {
    return "/journey";
  }

  @Override
  public boolean allows(Role role) {
    return role == Role.ANALYST || role == Role.ADMIN;
  }

  @Override
  public Answer answer(String id, Function<String, String> query) {
    try {
      try {
        Journey journey =
            journeys.journey(
                id,
                UsersController.time("from", query.apply("from")),
                UsersController.time("to", query.apply("to")));
        return new Answer(200, json.writeValueAsBytes(journey));
      } catch (ApiException e) {
        return new Answer(e.status(), json.writeValueAsBytes(e.body()));
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a journey answer", e);
    }
  }
}
