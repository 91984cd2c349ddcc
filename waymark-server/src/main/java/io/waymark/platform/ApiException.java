package io.waymark.platform;

import java.util.List;
import java.util.stream.Collectors;

/** A client error with its HTTP status, the fields at fault and the rules they broke. */
public class ApiException extends RuntimeException {

  /** One field at fault and the rule it broke. */
  public record Problem(String field, String reason) {}

  private final int status;
  private final List<Problem> problems;

  public ApiException(int status, String field, String reason) {
    this(status, field == null ? List.of() : List.of(new Problem(field, reason)), reason);
  }

  /** Several fields at fault at once (a form checked as a whole); at least one. */
  public ApiException(int status, List<Problem> problems) {
    this(
        status,
        List.copyOf(problems),
        problems.stream()
            .map(p -> p.field() + ": " + p.reason())
            .collect(Collectors.joining("; ")));
  }

  private ApiException(int status, List<Problem> problems, String message) {
    super(message, null, false, false);
    this.status = status;
    this.problems = problems;
  }

  public static ApiException badRequest(String field, String reason) {
    return new ApiException(400, field, reason);
  }

  public static ApiException notFound(String field, String reason) {
    return new ApiException(404, field, reason);
  }

  public static ApiException conflict(String field, String reason) {
    return new ApiException(409, field, reason);
  }

  public int status() {
    return status;
  }

  /** The first field at fault, or null when the error is about the request as a whole. */
  public String field() {
    return problems.isEmpty() ? null : problems.get(0).field();
  }

  public List<Problem> problems() {
    return problems;
  }

  /** The API's error body (status, error, message, errors), as {@code ApiErrors} writes it. */
  public java.util.Map<String, Object> body() {
    org.springframework.http.HttpStatus s = org.springframework.http.HttpStatus.resolve(status());
    return java.util.Map.of(
        "status",
        status(),
        "error",
        s == null ? "Error" : s.getReasonPhrase(),
        "message",
        problems().size() == 1
            ? problems().get(0).field() + ": " + problems().get(0).reason()
            : getMessage(),
        "errors",
        problems().stream()
            .map(p -> java.util.Map.of("field", p.field(), "reason", p.reason()))
            .toList());
  }
}
