package io.waymark.platform;

import io.waymark.admin.AccountPrincipal;
import io.waymark.admin.BrowserSessions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the web app's session cookie and enforces its CSRF token on state-changing
 * requests. Requests with an {@code Authorization} header (API keys, HTTP Basic) never use the
 * cookie, so they need no token: a browser does not add that header to cross-site requests.
 */
class SessionFilter extends OncePerRequestFilter {

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
  private static final String LOGIN = "/api/v1/auth/login";

  private final BrowserSessions sessions;
  private final JsonAuthErrors errors;

  SessionFilter(BrowserSessions sessions, JsonAuthErrors errors) {
    this.sessions = sessions;
    this.errors = errors;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return request.getHeader("Authorization") != null
        || request.getRequestURI().equals(LOGIN)
        || ApiKeyFilter.isCollectorPath(request.getRequestURI());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var account = sessions.current(request);
    if (account.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    if (!SAFE.contains(request.getMethod()) && !sessions.csrfMatches(request)) {
      errors.write(
          response,
          403,
          "missing or wrong "
              + BrowserSessions.CSRF_HEADER
              + " header; send the csrf_token from GET /api/v1/auth/me");
      return;
    }
    AccountPrincipal a = account.get();
    var auth =
        new UsernamePasswordAuthenticationToken(
            a, null, List.of(new SimpleGrantedAuthority(a.role().authority())));
    SecurityContextHolder.getContext().setAuthentication(auth);
    chain.doFilter(request, response);
  }
}
