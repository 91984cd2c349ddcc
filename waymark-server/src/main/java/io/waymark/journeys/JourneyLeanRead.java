package io.waymark.journeys;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.ingest.LeanRead;
import java.util.function.Function;

/**
 * {@code GET /api/v1/users/{id}/journey} on the lean collector port too, with the same answers as
 * the API: at a few milliseconds per journey, the main server's request handling (security filters,
 * MVC, observation) cost about as much CPU as the store lookup (docs/benchmarks.md).
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
  public Answer answer(String id, Function<String, String> query) {
    return LeanRead.json(
        json,
        () ->
            journeys.journey(
                id,
                UsersController.time("from", query.apply("from")),
                UsersController.time("to", query.apply("to"))));
  }
}
