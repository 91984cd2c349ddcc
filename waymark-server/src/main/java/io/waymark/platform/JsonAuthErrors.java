package io.waymark.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.admin.ApiKeyPrincipal;
import io.waymark.admin.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/** 401 and 403 answers in the API's error format, saying what credential is needed. */
@Component
class JsonAuthErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final ObjectMapper json;

  JsonAuthErrors(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    write(
        response, 401, "authentication required: send 'Authorization: Bearer <API key>' or log in");
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    var auth = SecurityContextHolder.getContext().getAuthentication();
    String reason =
        auth != null && auth.getPrincipal() instanceof ApiKeyPrincipal k && k.role() == Role.INGEST
            ? "ingest keys can only write events; use an admin key or log in"
            : "your role may not do this: " + request.getMethod() + " " + request.getRequestURI();
    write(response, 403, reason);
  }

  void write(HttpServletResponse response, int status, String reason) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    json.writeValue(
        response.getOutputStream(), ApiErrors.body(status, "authorization", reason).getBody());
  }
}
