package io.waymark.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.platform.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The web app's login: username and password for an HTTP-only session cookie. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Login")
class AuthController {

  private final Accounts accounts;
  private final BrowserSessions sessions;
  private final LoginThrottle throttle;

  AuthController(Accounts accounts, BrowserSessions sessions, LoginThrottle throttle) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.throttle = throttle;
  }

  /** Username and password. */
  record Login(String username, String password) {}

  /**
   * Who is calling. {@code auth} is session, basic or api_key; {@code csrf_token} (sessions only)
   * goes in the X-CSRF-Token header of every state-changing request.
   */
  record Me(String username, String role, String auth, String csrfToken) {}

  @Operation(
      summary = "Log in: sets the session cookie (HTTP-only, SameSite=Lax)",
      description =
          "Answers who is logged in and the CSRF token to send as X-CSRF-Token on every"
              + " POST, PATCH and DELETE made with the cookie. 400 for a blank field or a"
              + " password over 72 bytes; 401 for a wrong username or password or a disabled"
              + " account; 429 with Retry-After (seconds) after too many failed logins for the"
              + " account from this address, from this address, or for the account from many"
              + " addresses (the wait doubles with every further failure, up to 15 minutes; a"
              + " successful login clears this address's failures for the account).")
  @ApiResponse(
      responseCode = "200",
      description = "logged in",
      content = @Content(schema = @Schema(implementation = Me.class)))
  @ApiResponse(responseCode = "400", description = "a field is missing or too long")
  @ApiResponse(responseCode = "401", description = "wrong username or password, or disabled")
  @ApiResponse(
      responseCode = "429",
      description = "too many failed logins; wait Retry-After seconds",
      headers = @Header(name = "Retry-After", description = "seconds to wait"))
  @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Object> login(@RequestBody Login login, HttpServletRequest request) {
    new Problems()
        .check(login.username() == null || login.username().isBlank(), "username", "is required")
        .check(login.password() == null || login.password().isEmpty(), "password", "is required")
        .throwIfAny();
    Problems.tooLong(login.password())
        .ifPresent(
            reason -> {
              throw ApiException.badRequest("password", reason);
            });
    String username = login.username().trim();
    String address = request.getRemoteAddr();
    Optional<LoginThrottle.Refusal> refused = throttle.check(username, address);
    if (refused.isPresent()) {
      return tooMany(refused.get());
    }
    Optional<Accounts.Account> found = accounts.authenticate(username, login.password());
    if (found.isEmpty()) {
      throttle.failed(username, address);
      throw new ApiException(401, "credentials", "wrong username or password");
    }
    Accounts.Account account = found.get();
    if (account.disabled()) {
      throw new ApiException(401, "credentials", "this account is disabled; ask an admin");
    }
    throttle.succeeded(username, address);
    String csrf = sessions.start(request, account);
    return ResponseEntity.ok(new Me(account.username(), account.role().apiName(), "session", csrf));
  }

  /** The 429 of a throttled login, in the API's error format, with Retry-After. */
  static ResponseEntity<Object> tooMany(LoginThrottle.Refusal r) {
    return ResponseEntity.status(429)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(r.retryAfterSeconds()))
        .body(new ApiException(429, "credentials", r.reason()).body());
  }

  @Operation(summary = "Log out: ends the session (needs X-CSRF-Token when logged in)")
  @PostMapping("/logout")
  ResponseEntity<Void> logout(HttpServletRequest request) {
    sessions.end(request);
    return ResponseEntity.noContent().build();
  }

  @Operation(summary = "Who is calling: username, role, how they authenticated")
  @GetMapping("/me")
  Me me(Authentication auth, HttpServletRequest request) {
    return switch (auth.getPrincipal()) {
      case AccountPrincipal a ->
          new Me(
              a.username(),
              a.role().apiName(),
              "session",
              sessions.csrfToken(request).orElse(null));
      case ApiKeyPrincipal k -> new Me(k.name(), k.role().apiName(), "api_key", null);
      case UserDetails u ->
          new Me(
              u.getUsername(),
              accounts.find(u.getUsername()).map(a -> a.role().apiName()).orElse(null),
              "basic",
              null);
      default -> throw new ApiException(401, "authorization", "not logged in");
    };
  }
}
