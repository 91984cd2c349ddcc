package io.waymark.platform;

/** A client error with its HTTP status, the field at fault and the rule it broke. */
public class ApiException extends RuntimeException {

  private final int status;
  private final String field;

  public ApiException(int status, String field, String reason) {
    super(reason, null, false, false);
    this.status = status;
    this.field = field;
  }

  public static ApiException badRequest(String field, String reason) {
    return new ApiException(400, field, reason);
  }

  public static ApiException notFound(String field, String reason) {
    return new ApiException(404, field, reason);
  }

  public int status() {
    return status;
  }

  public String field() {
    return field;
  }
}
