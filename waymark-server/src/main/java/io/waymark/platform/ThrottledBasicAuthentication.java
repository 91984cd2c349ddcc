package io.waymark.platform;

import io.waymark.admin.LoginThrottle;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * HTTP Basic with the same brute-force protection as the login: a throttled account or address is
 * answered 429 with {@code Retry-After} before its password is hashed, wrong passwords are counted,
 * a success clears the count of its (account, address) pair. Passwords over bcrypt's 72 bytes are
 * refused as at the login.
 */
class ThrottledBasicAuthentication extends BasicAuthenticationFilter {

  private static final String USERNAME = ThrottledBasicAuthentication.class.getName() + ".user";

  private final LoginThrottle throttle;
  private final JsonAuthErrors errors;
  private final BasicAuthenticationConverter converter = new BasicAuthenticationConverter();

  ThrottledBasicAuthentication(
      AuthenticationManager manager, JsonAuthErrors errors, LoginThrottle throttle) {
    super(manager, errors);
    this.throttle = throttle;
    this.errors = errors;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Optional<UsernamePasswordAuthenticationToken> basic = basic(request);
    if (basic.isPresent()) {
      String username = basic.get().getName();
      String password = String.valueOf(basic.get().getCredentials());
      if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
        errors.write(response, 400, "password: must be at most 72 bytes in UTF-8 (bcrypt's limit)");
        return;
      }
      Optional<LoginThrottle.Refusal> refused = throttle.check(username, request.getRemoteAddr());
      if (refused.isPresent()) {
        response.setHeader(
            HttpHeaders.RETRY_AFTER, Long.toString(refused.get().retryAfterSeconds()));
        errors.write(response, 429, refused.get().reason());
        return;
      }
      request.setAttribute(USERNAME, username);
    }
    super.doFilterInternal(request, response, chain);
  }

  private Optional<UsernamePasswordAuthenticationToken> basic(HttpServletRequest request) {
    try {
      return Optional.ofNullable(converter.convert(request));
    } catch (AuthenticationException malformed) {
      return Optional.empty(); // the parent filter answers it
    }
  }

  @Override
  protected void onSuccessfulAuthentication(
      HttpServletRequest request, HttpServletResponse response, Authentication auth) {
    throttle.succeeded(auth.getName(), request.getRemoteAddr());
  }

  @Override
  protected void onUnsuccessfulAuthentication(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException failed) {
    if (failed instanceof BadCredentialsException
        && request.getAttribute(USERNAME) instanceof String username) {
      throttle.failed(username, request.getRemoteAddr());
    }
  }
}
