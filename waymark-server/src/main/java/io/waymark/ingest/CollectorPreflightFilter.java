package io.waymark.ingest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers CORS preflights ({@code OPTIONS} with an Origin) of the collector endpoints on the main
 * port, the same way the collector port does. It runs before Spring Security and Spring MVC, which
 * would otherwise answer them without the key's origins.
 */
final class CollectorPreflightFilter extends OncePerRequestFilter {

  private final IngestService ingest;

  CollectorPreflightFilter(IngestService ingest) {
    this.ingest = ingest;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"OPTIONS".equals(request.getMethod()) || request.getHeader(HttpHeaders.ORIGIN) == null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    String allowed =
        ingest.preflight(
            origin,
            Cors.queryParam(request.getQueryString(), "key"),
            request.getHeader(HttpHeaders.HOST));
    if (allowed == null) {
      response.setStatus(403);
      response.setContentType("application/json");
      String reason = Cors.refusalReason(origin).replace("\"", "'");
      response
          .getOutputStream()
          .write(("{\"message\":\"" + reason + "\"}").getBytes(StandardCharsets.UTF_8));
      return;
    }
    Cors.preflightHeaders(allowed).forEach(response::setHeader);
    response.setStatus(204);
  }
}
