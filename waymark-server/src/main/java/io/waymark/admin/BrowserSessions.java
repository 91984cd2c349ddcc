package io.waymark.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The web app's login: an HTTP session (cookie) that holds only the account id and a CSRF token.
 * The account is read again on every request, so a role change or a disabled account takes effect
 * at once. State-changing requests must echo the token in {@value #CSRF_HEADER} (synchronizer
 * token); a cross-site page can neither read it nor set the header.
 */
public class BrowserSessions {

  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String ACCOUNT = "waymark.account";
  private static final String CSRF = "waymark.csrf";

  private final Accounts accounts;

  public BrowserSessions(Accounts accounts) {
    this.accounts = accounts;
  }

  /** Starts a fresh session for the account (never reusing one: no session fixation). */
  public String start(HttpServletRequest request, Accounts.Account account) {
    HttpSession old = request.getSession(false);
    if (old != null) {
      old.invalidate();
    }
    HttpSession session = request.getSession(true);
    String token = ApiKeys.randomHex(24);
    session.setAttribute(ACCOUNT, account.id());
    session.setAttribute(CSRF, token);
    return token;
  }

  /** The logged-in account of this request's session, if it still exists and is enabled. */
  public Optional<AccountPrincipal> current(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null || !(session.getAttribute(ACCOUNT) instanceof String id)) {
      return Optional.empty();
    }
    Optional<Accounts.Summary> account = accounts.byId(id).filter(a -> !a.disabled());
    if (account.isEmpty()) {
      session.invalidate();
      return Optional.empty();
    }
    Accounts.Summary a = account.get();
    return Optional.of(new AccountPrincipal(a.id(), a.username(), a.role()));
  }

  /** The session's CSRF token, for the web app to send back. */
  public Optional<String> csrfToken(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session != null && session.getAttribute(CSRF) instanceof String t
        ? Optional.of(t)
        : Optional.empty();
  }

  /** True when the request carries the session's CSRF token (compared in constant time). */
  public boolean csrfMatches(HttpServletRequest request) {
    String sent = request.getHeader(CSRF_HEADER);
    return sent != null
        && csrfToken(request)
            .map(
                t ->
                    MessageDigest.isEqual(
                        t.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8)))
            .orElse(false);
  }

  public void end(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
  }
}
