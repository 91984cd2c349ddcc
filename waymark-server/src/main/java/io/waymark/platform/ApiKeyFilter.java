package io.waymark.platform;

import io.waymark.admin.ApiKeyPrincipal;
import io.waymark.admin.ApiKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code Authorization: Bearer <key>} against the API keys. */
@Component
class ApiKeyFilter extends OncePerRequestFilter {

  private final ApiKeys keys;
  private final JsonAuthErrors errors;

  ApiKeyFilter(ApiKeys keys, JsonAuthErrors errors) {
    this.keys = keys;
    this.errors = errors;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return isCollectorPath(request.getRequestURI());
  }

  /** The collector endpoints check their key themselves (they also run without Spring). */
  static boolean isCollectorPath(String path) {
    return path.equals("/api/v1/events")
        || path.equals("/api/v1/events/batch")
        || path.equals("/v1/page");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      chain.doFilter(request, response);
      return;
    }
    Optional<ApiKeyPrincipal> key = keys.authenticate(header.substring(7).trim());
    if (key.isEmpty()) {
      errors.write(response, 401, "unknown or revoked API key");
      return;
    }
    ApiKeyPrincipal k = key.get();
    var auth =
        new UsernamePasswordAuthenticationToken(
            k, null, List.of(new SimpleGrantedAuthority(k.role().authority())));
    SecurityContextHolder.getContext().setAuthentication(auth);
    chain.doFilter(request, response);
  }
}
