package io.waymark.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waymark.platform.ApiException;
import jakarta.servlet.http.HttpServletRequest;
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

  AuthController(Accounts accounts, BrowserSessions sessions) {
    this.accounts = accounts;
    this.sessions = sessions;
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
              + " POST, PATCH and DELETE made with the cookie. 401 for a wrong username or"
              + " password or a disabled account.")
  @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
  Me login(@RequestBody Login login, HttpServletRequest request) {
    new Problems()
        .check(login.username() == null || login.username().isBlank(), "username", "is required")
        .check(login.password() == null || login.password().isEmpty(), "password", "is required")
        .throwIfAny();
    Accounts.Account account =
        accounts
            .authenticate(login.username().trim(), login.password())
            .orElseThrow(() -> new ApiException(401, "credentials", "wrong username or password"));
    if (account.disabled()) {
      throw new ApiException(401, "credentials", "this account is disabled; ask an admin");
    }
    String csrf = sessions.start(request, account);
    return new Me(account.username(), account.role().apiName(), "session", csrf);
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
