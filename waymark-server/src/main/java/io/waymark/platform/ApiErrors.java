package io.waymark.platform;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * One error format for the whole API: {@code {status, error, message, errors:[{field, reason}]}}.
 * Client mistakes name the field; unexpected failures are logged with the request and answered
 * without internals.
 */
@RestControllerAdvice
class ApiErrors {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  static ResponseEntity<Map<String, Object>> body(int status, String field, String reason) {
    HttpStatus s = HttpStatus.resolve(status);
    return ResponseEntity.status(status)
        .body(
            Map.of(
                "status", status,
                "error", s == null ? "Error" : s.getReasonPhrase(),
                "message", field == null ? reason : field + ": " + reason,
                "errors",
                    field == null ? List.of() : List.of(Map.of("field", field, "reason", reason))));
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Map<String, Object>> api(ApiException e) {
    if (e.problems().size() <= 1) {
      return body(e.status(), e.field(), e.problems().isEmpty() ? e.getMessage() : reason(e));
    }
    HttpStatus s = HttpStatus.resolve(e.status());
    return ResponseEntity.status(e.status())
        .body(
            Map.of(
                "status", e.status(),
                "error", s == null ? "Error" : s.getReasonPhrase(),
                "message", e.getMessage(),
                "errors",
                    e.problems().stream()
                        .map(p -> Map.of("field", p.field(), "reason", p.reason()))
                        .toList()));
  }

  private static String reason(ApiException e) {
    return e.problems().get(0).reason();
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    if (e.getMostSpecificCause() instanceof JsonParseException p) {
      return body(
          400,
          "body",
          "is not valid JSON (line "
              + p.getLocation().getLineNr()
              + ", column "
              + p.getLocation().getColumnNr()
              + ")");
    }
    if (e.getCause() instanceof UnrecognizedPropertyException u) {
      return body(400, path(u), "is not a known field; known: " + u.getKnownPropertyIds());
    }
    if (e.getCause() instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      return body(400, path(m), "has the wrong type: " + m.getOriginalMessage());
    }
    return body(400, "body", "is required: a JSON object as documented");
  }

  private static String path(JsonMappingException m) {
    return m.getPath().stream()
        .map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
    return body(415, null, "send the body as application/json");
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Map<String, Object>> missing(MissingServletRequestParameterException e) {
    return body(400, e.getParameterName(), "is required");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> mismatch(MethodArgumentTypeMismatchException e) {
    return body(400, e.getName(), "has an invalid value \"" + e.getValue() + "\"");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
    return body(
        405, null, e.getMethod() + " is not supported here; use " + e.getSupportedHttpMethods());
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<Map<String, Object>> notFound(NoResourceFoundException e) {
    return body(404, null, "no such endpoint: /" + e.getResourcePath());
  }

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<Map<String, Object>> unexpected(RuntimeException e, HttpServletRequest request) {
    log.error(
        "request {} {} failed unexpectedly",
        request.getMethod(),
        LogSafe.path(request.getRequestURI()),
        e);
    return body(
        500,
        null,
        "internal error while handling " + request.getRequestURI() + "; see the server log");
  }
}
